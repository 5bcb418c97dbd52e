-- The partners' information exchange (issue 15; seed 001 信息共享): partner organisations registered by
-- the agency (court, procuratorate, police station, prison, rehabilitation centre), their API keys
-- (the secret stored encrypted: HMAC needs it, so it cannot be a hash), their webhook subscriptions,
-- and the outbox of webhook deliveries. A handover may be created by a partner instead of a worker.

create table exchange_partner (
  id          text primary key,
  county_id   text not null references place(id),
  kind        text not null check (kind in ('court', 'procuratorate', 'police', 'prison', 'rehab')),
  name        text not null,
  scopes      jsonb not null default '[]',
  created_by  text references app_user(id),
  created_at  timestamptz not null,
  retired_at  timestamptz,
  unique (county_id, name)
);

create table exchange_key (
  id          text primary key,
  key_id      text not null unique,                 -- sent in x-onebook-key
  partner_id  text not null references exchange_partner(id),
  secret_enc  text not null,                        -- AES-256-GCM, key from ONEBOOK_SECRET_KEY
  created_at  timestamptz not null,
  retired_at  timestamptz
);
create index exchange_key_partner_idx on exchange_key(partner_id);

create table exchange_webhook (
  id          text primary key,
  partner_id  text not null references exchange_partner(id),
  url         text not null,
  events      jsonb not null default '[]',
  created_at  timestamptz not null,
  retired_at  timestamptz
);
create index exchange_webhook_partner_idx on exchange_webhook(partner_id);

create table exchange_delivery (
  id               text primary key,
  webhook_id       text not null references exchange_webhook(id),
  partner_id       text not null references exchange_partner(id),
  event_key        text not null,                   -- one delivery per event and subscription
  event_kind       text not null,
  subject_id       text references subject(id),
  payload          jsonb not null,
  status           text not null default 'pending' check (status in ('pending', 'delivered', 'dead')),
  attempts         integer not null default 0,
  next_attempt_at  timestamptz not null,
  last_status      integer,
  last_error       text,
  delivered_at     timestamptz,
  created_at       timestamptz not null,
  unique (webhook_id, event_key)
);
create index exchange_delivery_due_idx on exchange_delivery(status, next_attempt_at);
create index exchange_delivery_subject_idx on exchange_delivery(subject_id);

alter table handover add column partner_id text references exchange_partner(id);
create index handover_partner_idx on handover(partner_id);
