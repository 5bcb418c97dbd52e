-- A leave's destination as a circle (issue 12): where no division boundary is loaded for the
-- destination, the office (or the agency) may set the area it is judged by on the map page — a centre
-- (WGS-84) and a radius — when approving the leave or afterwards. It comes before any boundary; null:
-- the boundary, or, with none loaded, everything allowed while away (features/location/judge.ts).
alter table leave_application add column destination_circle jsonb;
