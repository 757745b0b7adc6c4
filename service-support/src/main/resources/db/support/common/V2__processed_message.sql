-- Idempotent inbox (clinic.support.inbox): one row per (consumer, event id), inserted in the handler's
-- transaction, so a redelivered event finds its row and changes nothing. Existing databases already hold
-- this table (same columns) from the services' own earlier migrations.
create table if not exists processed_message (
    consumer     varchar(100)                not null,
    event_id     uuid                        not null,
    processed_at timestamp(6) with time zone not null,
    constraint processed_message_pk primary key (consumer, event_id)
);
