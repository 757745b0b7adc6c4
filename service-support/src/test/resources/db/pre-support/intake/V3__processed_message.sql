-- Idempotent consumers: one row per (consumer, event id), written in the handler's transaction.
create table processed_message (
    consumer     varchar(100)                not null,
    event_id     uuid                        not null,
    processed_at timestamp(6) with time zone not null,
    constraint processed_message_pk primary key (consumer, event_id)
);
