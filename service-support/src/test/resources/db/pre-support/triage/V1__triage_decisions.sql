-- One decision per report: the report id is the key.
create table triage_decision (
    report_id       uuid                     not null primary key,
    disposition     varchar(20)              not null,
    decided_at      timestamp(6) with time zone not null,
    ruleset_id      varchar(100)             not null,
    ruleset_version varchar(20)              not null,
    ruleset_hash    varchar(64)              not null,
    source_event_id uuid                     not null,
    decision_json   text                     not null
);
create index triage_decision_disposition on triage_decision (disposition, decided_at);

-- Idempotent consumer: a row per consumed event id, written in the handler's transaction.
create table processed_message (
    consumer     varchar(100)             not null,
    event_id     uuid                     not null,
    processed_at timestamp(6) with time zone not null,
    primary key (consumer, event_id)
);

-- Transactional outbox: events written with the decision, sent by the relay.
create table outbox_event (
    id          uuid                     not null primary key,
    topic       varchar(249)             not null,
    message_key varchar(100)             not null,
    event_type  varchar(200)             not null,
    source      varchar(200)             not null,
    occurred_at timestamp(6) with time zone not null,
    data_schema varchar(300)             not null,
    payload     text                     not null,
    created_at  timestamp(6) with time zone not null,
    sent_at     timestamp(6) with time zone
);
create index outbox_event_unsent on outbox_event (sent_at, created_at);
create index outbox_event_key on outbox_event (message_key);
