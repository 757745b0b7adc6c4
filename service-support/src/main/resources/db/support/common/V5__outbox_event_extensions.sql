-- CloudEvents extension attributes of an outbox event (clinic.events.CloudEventHeaders.EXTENSIONS), as a JSON
-- object of name -> value; null when the event has none. The relay sends each as a ce_<name> header.
alter table outbox_event add column if not exists extensions varchar(2000);
