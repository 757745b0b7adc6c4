-- The dispatcher claims due deliveries per lane: the urgent lane the CLINICIAN and ESCALATION recipients, the
-- routine lane PATIENT (status = 'PENDING' and recipient in (...) and next_attempt_at <= now, oldest first).
-- With only (status, next_attempt_at) an urgent claim would walk past every due patient email of a routine
-- backlog to find the few alerts; this index takes it straight to them. The same on H2 and PostgreSQL.
create index if not exists ix_delivery_due_by_recipient on delivery (status, recipient, next_attempt_at);
