-- The agency's yearly review of the books (seed 000 §十二): mutual review between offices (互查互评),
-- central review (集中评查) and a random sample (随机抽查) drawn with a recorded seed; a score and
-- remarks per section of each reviewed book; excellent cases (优秀案例) with their reason.

-- The year's random sample of a county: the persons with the smallest sha256("<seed>:<id>"), like the
-- visit samples, so that anyone can repeat it from the stored seed and population.
create table book_review_sample (
  id          bigserial primary key,
  county_id   text not null references place(id),
  year        integer not null check (year between 2000 and 2199),
  seed        text not null,
  population  jsonb not null,                       -- subject ids drawn from, sorted
  count       integer not null check (count >= 0),
  picked      jsonb not null,                       -- subject ids picked, in draw order
  drawn_by    text not null references app_user(id),
  drawn_at    timestamptz not null,
  unique (county_id, year)
);

create table book_review (
  id                  bigserial primary key,
  county_id           text not null references place(id),
  year                integer not null check (year between 2000 and 2199),
  subject_id          text not null references subject(id),
  office_id           text not null references place(id),       -- the office whose book it is
  method              text not null check (method in ('mutual', 'central', 'random')),
  reviewer_office_id  text references place(id),                -- mutual review: the reviewing office
  scores              jsonb not null,                            -- {section id: 0..100}
  remarks             jsonb not null default '{}',               -- {section id: text}
  total               integer not null check (total between 0 and 100),
  overall             text,
  reviewed_by         text not null references app_user(id),
  reviewed_at         timestamptz not null,
  unique (year, subject_id, method),
  check ((method = 'mutual') = (reviewer_office_id is not null))
);
create index book_review_county_year_idx on book_review(county_id, year);

create table excellent_case (
  id          bigserial primary key,
  year        integer not null check (year between 2000 and 2199),
  subject_id  text not null references subject(id),
  county_id   text not null references place(id),
  reason      text not null,
  marked_by   text not null references app_user(id),
  marked_at   timestamptz not null,
  unique (year, subject_id)
);
