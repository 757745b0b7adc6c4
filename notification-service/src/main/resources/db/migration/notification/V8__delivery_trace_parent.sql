-- The W3C traceparent of the span that created the delivery (the consumer of the urgent-review or decision
-- event), so the sender thread that sends it later continues the report's trace. Ids only; null when untraced
-- (escalations start a trace of their own).
alter table delivery add column if not exists trace_parent varchar(55);
