-- Late entries (补录): every record keeps its event time (`at`) and its entry time (`recorded_at`, the
-- product's clock). A record entered more than the profile's `records.lateEntryAfterHours` after its
-- event is a late entry, shown as 补录 on the timeline, in the book and in exports; the worker says why
-- here. Null for records entered in time (and for those made before this migration).
alter table case_event add column late_reason text;
