-- Issue 15, second part: the work beside the case.
--
-- 调查评估 (pre-sentence investigation): a court's commission received by the agency, assigned to an
-- office, investigated (visits, interviews, findings: investigation_note, append-only), concluded with
-- the opinion (suitable / not suitable and the reasons) and marked returned to the court. The due day
-- is fixed when the commission is received (working days of the profile, normal or expedited).
create table investigation (
  id               uuid primary key default gen_random_uuid(),
  county_id        text not null references place(id),
  office_id        text references place(id),          -- null until the agency assigns it
  court            text not null,                       -- the commissioning court (委托机关)
  commission_no    text not null,                       -- the commission's number (委托调查评估函文号)
  procedure        text not null check (procedure in ('normal', 'expedited')),
  received_on      date not null,
  due_on           date not null,
  defendant_name   text not null,
  gender           text not null check (gender in ('male', 'female')),
  birth_date       date not null,
  id_number        text,
  address          text not null,
  charge           text not null,                       -- the offence charged (涉嫌罪名)
  proposed_type    text not null check (proposed_type in ('probation', 'parole', 'control', 'temporary_release')),
  status           text not null check (status in ('received', 'assigned', 'concluded', 'returned')),
  opinion          text check (opinion in ('suitable', 'unsuitable')),
  reasons          text,
  concluded_on     date,
  concluded_by     text references app_user(id),
  returned_on      date,
  returned_by      text references app_user(id),
  received_by      text not null references app_user(id),
  received_at      timestamptz not null,
  assigned_at      timestamptz,
  assigned_by      text references app_user(id),
  check ((opinion is null) = (concluded_on is null)),
  check (status in ('received') or office_id is not null)
);
create index investigation_county_idx on investigation(county_id, status);
create index investigation_office_idx on investigation(office_id, status);

create table investigation_note (
  id                uuid primary key default gen_random_uuid(),
  investigation_id  uuid not null references investigation(id),
  kind              text not null check (kind in ('visit', 'interview', 'document')),
  on_date           date not null,
  place_text        text,
  persons           text,                               -- who was met or interviewed
  findings          text not null,
  by_user           text not null references app_user(id),
  at                timestamptz not null
);
create index investigation_note_idx on investigation_note(investigation_id);
create trigger investigation_note_no_change before update or delete on investigation_note
  for each row execute function refuse_change();

-- 安置帮教 (seed 003 二): a person from the prison's pre-release notice (may or may not have been under
-- correction here), with the steps of the hand-over each recorded once with its day, and the
-- follow-ups for five years after the release (append-only), reoffending among them.
create table resettlement (
  id                 uuid primary key default gen_random_uuid(),
  county_id          text not null references place(id),
  office_id          text not null references place(id),
  subject_id         text references subject(id),       -- when the person was under correction here
  name               text not null,
  gender             text not null check (gender in ('male', 'female')),
  birth_date         date not null,
  id_number          text,
  address            text not null,
  prison             text not null,
  crime              text not null,
  release_on         date not null,
  notice_on          date not null,                     -- the pre-release notice received (预释放通知)
  key_person         boolean not null,                  -- 重点帮教对象 (必接必送)
  verified_on        date,                              -- 基本信息核查
  receipt_sent_on    date,                              -- 衔接回执
  picked_up_on       date,                              -- 接送 at the gate
  picked_up_by       text,
  risk_level         text check (risk_level in ('low', 'medium', 'high')),
  risk_assessed_on   date,
  team               text,                              -- the 帮教 team (1+1+N)
  help_plan          text,
  agreement_on       date,                              -- 帮教协议 signed
  placement          text check (placement in ('employed', 'self_employed', 'family', 'base', 'assistance')),
  placed_on          date,
  employment_service_on date,                           -- 就业服务 (失业登记、技能培训、推荐就业)
  reoffended_on      date,
  created_by         text not null references app_user(id),
  created_at         timestamptz not null,
  check ((risk_level is null) = (risk_assessed_on is null)),
  check ((placement is null) = (placed_on is null))
);
create index resettlement_office_idx on resettlement(office_id);
create index resettlement_county_idx on resettlement(county_id, release_on);

create table resettlement_followup (
  id               uuid primary key default gen_random_uuid(),
  resettlement_id  uuid not null references resettlement(id),
  on_date          date not null,
  content          text not null,
  by_user          text not null references app_user(id),
  at               timestamptz not null
);
create index resettlement_followup_idx on resettlement_followup(resettlement_id, on_date);
create trigger resettlement_followup_no_change before update or delete on resettlement_followup
  for each row execute function refuse_change();

-- 后续照管 (seed 003 三): a person from the rehab centre's monthly notice (即将解戒人员信息对接通知书),
-- registered with the township's office; the phone and face-to-face follow-ups (append-only) with
-- whether the person keeps abstinent (操守保持); a success case (成功戒毒典型) gets its own file.
create table aftercare (
  id               uuid primary key default gen_random_uuid(),
  county_id        text not null references place(id),
  office_id        text not null references place(id),
  name             text not null,
  gender           text not null check (gender in ('male', 'female')),
  birth_date       date not null,
  id_number        text,
  address          text not null,
  rehab_centre     text not null,
  notice_month     text not null,                     -- YYYY-MM of the centre's notice
  released_on      date not null,                     -- 解除强制隔离戒毒
  key_person       boolean not null,
  success_case     boolean not null default false,
  success_note     text,
  success_on       date,
  created_by       text not null references app_user(id),
  created_at       timestamptz not null,
  check (success_case = (success_on is not null))
);
create index aftercare_office_idx on aftercare(office_id);

create table aftercare_contact (
  id            uuid primary key default gen_random_uuid(),
  aftercare_id  uuid not null references aftercare(id),
  kind          text not null check (kind in ('phone', 'visit')),
  on_date       date not null,
  abstinent     boolean not null,
  content       text not null,
  help          text,                                 -- help given (帮扶)
  by_user       text not null references app_user(id),
  at            timestamptz not null
);
create index aftercare_contact_idx on aftercare_contact(aftercare_id, on_date);
create trigger aftercare_contact_no_change before update or delete on aftercare_contact
  for each row execute function refuse_change();
