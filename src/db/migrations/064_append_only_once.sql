-- One function for every append-only table. Migrations 001–063 each wrote their own copy of the same
-- three lines ("<table> is append-only: <operation> is not allowed"); this replaces them by
-- refuse_change(), which names the table from the trigger, so a new append-only table needs only
--   create trigger <table>_no_change before update or delete on <table>
--     for each row execute function refuse_change();
create function refuse_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % is not allowed', tg_table_name, tg_op;
end;
$$;

drop trigger audit_log_no_update on audit_log;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function refuse_change();

drop trigger handover_document_no_change on handover_document;
create trigger handover_document_no_change before update or delete on handover_document
  for each row execute function refuse_change();

drop trigger leave_proof_no_change on leave_proof;
create trigger leave_proof_no_change before update or delete on leave_proof
  for each row execute function refuse_change();

drop trigger transfer_proof_no_change on transfer_proof;
create trigger transfer_proof_no_change before update or delete on transfer_proof
  for each row execute function refuse_change();

drop trigger leave_revision_no_change on leave_revision;
create trigger leave_revision_no_change before update or delete on leave_revision
  for each row execute function refuse_change();

drop trigger violation_evidence_no_change on violation_evidence;
create trigger violation_evidence_no_change before update or delete on violation_evidence
  for each row execute function refuse_change();

drop trigger location_photo_no_change on location_photo;
create trigger location_photo_no_change before update or delete on location_photo
  for each row execute function refuse_change();

drop trigger county_funding_no_change on county_funding;
create trigger county_funding_no_change before update or delete on county_funding
  for each row execute function refuse_change();

drop trigger hazard_followup_no_change on hazard_followup;
create trigger hazard_followup_no_change before update or delete on hazard_followup
  for each row execute function refuse_change();

drop trigger risk_meeting_no_change on risk_meeting;
create trigger risk_meeting_no_change before update or delete on risk_meeting
  for each row execute function refuse_change();

drop trigger major_event_update_no_change on major_event_update;
create trigger major_event_update_no_change before update or delete on major_event_update
  for each row execute function refuse_change();

drop trigger audit_log_no_truncate on audit_log;
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function refuse_change();

drop function audit_log_is_append_only();
drop function handover_document_is_append_only();
drop function leave_proof_is_append_only();
drop function transfer_proof_is_append_only();
drop function leave_revision_is_append_only();
drop function violation_evidence_is_append_only();
drop function location_photo_is_append_only();
drop function county_funding_is_append_only();
drop function hazard_followup_is_append_only();
drop function risk_meeting_is_append_only();
drop function major_event_update_is_append_only();
