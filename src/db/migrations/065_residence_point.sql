-- The registered residence as a point (WGS-84), set by the office: location.md's suspected separation
-- (人机分离) is judged only against it — a run of still reports far from home. Unknown until set, and
-- then that rule is not judged for the person.
alter table subject add column residence_lon double precision;
alter table subject add column residence_lat double precision;
alter table subject add constraint subject_residence_point_whole
  check ((residence_lon is null) = (residence_lat is null)
         and (residence_lon is null or (residence_lon between -180 and 180 and residence_lat between -90 and 90)));
