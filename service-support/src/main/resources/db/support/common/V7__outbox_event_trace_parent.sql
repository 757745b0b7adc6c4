-- The W3C traceparent of the span that wrote the event (the accepting HTTP request, or the consumer of the
-- record that caused it), so the relay, which sends the row later on a thread of its own, continues that trace.
-- Trace and span ids only; null when the writer was not traced.
alter table outbox_event add column if not exists trace_parent varchar(55);
