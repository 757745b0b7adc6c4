-- Events waiting to be published; written in the same transaction as the change they announce.
-- id = the CloudEvents ce_id. sent_at stays null until Kafka acknowledged the record.
create table outbox_event (
    id          uuid                        not null,
    topic       varchar(255)                not null,
    message_key varchar(255)                not null,
    event_type  varchar(255)                not null,
    source      varchar(255)                not null,
    occurred_at timestamp(6) with time zone not null,
    data_schema varchar(255)                not null,
    payload     varchar(10000)              not null,
    created_at  timestamp(6) with time zone not null,
    sent_at     timestamp(6) with time zone,
    constraint outbox_event_pk primary key (id)
);

create index outbox_event_pending_idx on outbox_event (sent_at, created_at);
