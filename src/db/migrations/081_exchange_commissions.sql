-- A court's commission for a pre-sentence investigation (调查评估) can arrive through the exchange API:
-- then a partner organisation, not a staff account, received it.
alter table investigation alter column received_by drop not null;
alter table investigation add column partner_id text references exchange_partner(id);
alter table investigation add constraint investigation_received_by_someone
  check (received_by is not null or partner_id is not null);
