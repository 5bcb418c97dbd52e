-- Administrative division boundaries (issue 12, location.md "Zones": while on approved leave the
-- leave's destination area is allowed too). A leave names its destination by a six-digit division code
-- (leave-contract.md); the agency loads the boundaries of the divisions its persons travel to as GeoJSON,
-- checked as zones are (features/location/division-routes.ts). Kept per county: one boundary in force per
-- county and code, a new load of a code retiring the old one (kept, as zones are).
create table division_boundary (
  id          text primary key,
  county_id   text not null references place(id),
  code        text not null check (code ~ '^[0-9]{6}$'),
  name        text not null,
  geometry    jsonb not null,                    -- a GeoJSON Polygon or MultiPolygon in WGS-84
  created_by  text references app_user(id),
  created_at  timestamptz not null default now(),
  retired_at  timestamptz,
  retired_by  text references app_user(id),
  changed_at  timestamptz not null default now() -- any change: other instances rebuild their index
);
create unique index division_boundary_current_idx on division_boundary(county_id, code)
  where retired_at is null;
create index division_boundary_county_idx on division_boundary(county_id);
