-- Transactional outbox (clinic.support.outbox): an event is inserted in the same transaction as the change
-- it announces, and the relay publishes it afterwards. id = the CloudEvents ce_id. A row is pending while
-- sent_at is null; while claimed_until lies in the future it belongs to the relay named in claimed_by.
--
-- "if not exists" throughout: databases created before this library existed already hold this table,
-- made by the service's own (now retired) migrations; for them this script only fills in what is missing.
create table if not exists outbox_event (
    id            uuid                        not null,
    topic         varchar(249)                not null,
    message_key   varchar(255)                not null,
    event_type    varchar(255)                not null,
    source        varchar(255)                not null,
    occurred_at   timestamp(6) with time zone not null,
    data_schema   varchar(300)                not null,
    payload       text                        not null,
    created_at    timestamp(6) with time zone not null,
    sent_at       timestamp(6) with time zone,
    claimed_by    varchar(100),
    claimed_until timestamp(6) with time zone,
    constraint outbox_event_pk primary key (id)
);

-- The relay looks for pending rows oldest first; the purge looks rows up by sent_at.
create index if not exists outbox_event_pending_idx on outbox_event (sent_at, created_at);
create index if not exists outbox_event_sent_idx on outbox_event (sent_at);

-- triage-service made the same two indexes under other names before this library: keep one of each.
drop index if exists outbox_event_unsent;
drop index if exists outbox_event_sent;
