-- Log-in throttle per (account name, client address): failures from one address delay that address's
-- next attempts for that name, with a doubling wait; nobody else is locked out. Rows exist for unknown
-- names too, so a throttle says nothing about whether an account exists. Times are the product's
-- clock (set by the application), not the database's.
create table login_throttle (
  username         text not null,
  client           text not null,
  failures         integer not null,
  last_failed_at   timestamptz not null,
  next_allowed_at  timestamptz,
  primary key (username, client)
);
create index login_throttle_last_failed on login_throttle (last_failed_at);

-- The account-wide lock is gone: five wrong passwords from anyone locked anyone out.
alter table app_user drop column failed_logins;
alter table app_user drop column locked_until;
