-- Device vendors (Art. 29 electronic location): the platforms of the vendors of electronic tags and
-- locator phones, which send their devices' reports in bulk to POST /api/devices/reports, each request
-- signed with the vendor's secret (HMAC-SHA256, see src/http/signed-request.ts).
--
-- The secret must be kept as such: an HMAC can only be verified with the key that made it. It is
-- shown once when the vendor is registered, never answered again by any route, and retiring the vendor
-- stops it at once.
create table device_vendor (
  id          text primary key,
  county_id   text not null references place(id),
  name        text not null,
  secret      text not null,
  created_by  text not null references app_user(id),
  created_at  timestamptz not null,
  retired_at  timestamptz,
  unique (county_id, name)
);

-- Signatures already accepted, so that a captured request cannot be sent again (409). A signature is
-- only accepted while its timestamp is within the window (± 5 minutes), so the sweep deletes the rows
-- whose timestamp is older than the window: they could not pass the timestamp check anyway.
-- `scheme` keeps the signed APIs apart (device vendors, partners' exchange, …).
create table signed_request_seen (
  id          bigserial primary key,
  scheme      text not null,
  key_id      text not null,
  signature   text not null,
  signed_at   timestamptz not null,
  seen_at     timestamptz not null,
  unique (scheme, signature)
);
create index signed_request_seen_signed_at_idx on signed_request_seen(signed_at);
