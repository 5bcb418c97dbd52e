-- The State Council's yearly holiday notices (国务院办公厅关于某年部分节假日安排的通知) as loaded by the
-- county (issue 8): `onebook calendar load FILE` or the console's calendar screen. Every load is a new
-- version of its year, never an overwrite; the engine uses the highest version of each year, then the
-- calendar shipped with the program, then the statutory holidays derived from the national rules.
create table calendar_notice (
  id              bigserial primary key,
  year            integer not null check (year between 1900 and 2199),
  version         integer not null check (version >= 1),
  source          text not null,                 -- the notice's number or title, as given in the file
  holidays        jsonb not null,                -- ["2027-01-01", …], sorted
  workdays        jsonb not null,                -- the weekend days worked in lieu (调休), sorted
  file_name       text not null,
  loaded_by       text references app_user(id),  -- null when loaded from the command line
  loaded_by_name  text not null,
  loaded_at       timestamptz not null default now(),
  unique (year, version)
);
