-- Outbox relay safe with several instances: a relay claims a batch by setting claimed_by / claimed_until
-- in a short transaction (SELECT ... FOR UPDATE SKIP LOCKED), sends it, then marks it sent. A claim that
-- is never completed (the instance crashed) expires at claimed_until and another instance sends the rows.
alter table outbox_event add column claimed_by varchar(100);
alter table outbox_event add column claimed_until timestamp(6) with time zone;

-- Purging sent rows after the retention period looks rows up by sent_at.
create index outbox_event_sent_idx on outbox_event (sent_at);
