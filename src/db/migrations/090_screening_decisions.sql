-- The quarterly safety-hazard screening (issue 14; seed 002 二: "每季度组织一次安全隐患排查"; 附件):
-- a campaign per county and quarter, opened by the agency or by the sweep on the quarter's first day,
-- with its deadline from the profile; per person the office's talk, checklist and the five clears
-- (五清), once. Risks found become a hazard of the register (hazard_id). Both never rewritten.
create table screening_campaign (
  id          uuid primary key default gen_random_uuid(),
  county_id   text not null references place(id),
  quarter     text not null check (quarter ~ '^\d{4}-Q[1-4]$'),
  opened_on   date not null,
  due_on      date not null,
  opened_by   text references app_user(id),             -- null: opened by the sweep
  opened_at   timestamptz not null,
  check (due_on >= opened_on)
);
create unique index screening_campaign_quarter_idx on screening_campaign(county_id, quarter);
create trigger screening_campaign_no_change before update or delete on screening_campaign
  for each row execute function refuse_change();

create table screening_record (
  id           uuid primary key default gen_random_uuid(),
  campaign_id  uuid not null references screening_campaign(id),
  subject_id   text not null references subject(id),
  office_id    text not null references place(id),
  talked_on    date not null,
  method       text not null check (method in ('home_visit', 'community_visit', 'face_to_face')),
  checklist    jsonb not null,                           -- {item: 'ok' | 'issue'}
  talk         jsonb not null,                           -- {topic: what was said}
  clears       jsonb not null,                           -- {clear: true | false} (五清)
  risks        text,                                     -- risks found, in words
  hazard_id    bigint references hazard(id),             -- the hazard recorded from them
  recorded_by  text not null references app_user(id),
  recorded_at  timestamptz not null
);
create unique index screening_record_person_idx on screening_record(campaign_id, subject_id);
create index screening_record_office_idx on screening_record(office_id, campaign_id);
create trigger screening_record_no_change before update or delete on screening_record
  for each row execute function refuse_change();

-- A decision of a monthly risk-analysis meeting marked done by its owner's unit, with a note; once.
create table risk_decision_done (
  id              uuid primary key default gen_random_uuid(),
  meeting_id      bigint not null references risk_meeting(id),
  decision_index  integer not null check (decision_index >= 0),
  note            text not null,
  done_by         text not null references app_user(id),
  done_at         timestamptz not null
);
create unique index risk_decision_done_idx on risk_decision_done(meeting_id, decision_index);
create trigger risk_decision_done_no_change before update or delete on risk_decision_done
  for each row execute function refuse_change();
