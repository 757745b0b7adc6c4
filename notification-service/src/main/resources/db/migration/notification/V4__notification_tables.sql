-- notification-service's own tables. Versions 1-3 made them together with the inbox and audit tables, which
-- now belong to service-support (db/support, history in support_schema_history); those scripts are retired
-- (spring.flyway.ignore-migration-patterns lets existing databases keep them in their history). This script
-- states the tables as versions 1-2 left them, "if not exists": a no-op where they ran, the tables on a new
-- database.

-- The delivery log: one row per notification (WHAT is notified). Clinician alerts are rows of kind
-- CLINICIAN_ALERT; acknowledging one fills acknowledged_by/acknowledged_at; unacknowledged ones escalate.
create table if not exists notification (
    notification_id    uuid                     not null,
    report_id          uuid                     not null,
    kind               varchar(40)              not null,
    channel            varchar(40)              not null,
    priority           varchar(2)               not null,
    status             varchar(20)              not null,
    content            varchar                  not null,
    source_event_id    uuid                     not null,
    created_at         timestamp with time zone not null,
    delivered_at       timestamp with time zone,
    attempts           integer                  not null,
    acknowledged_by    varchar(200),
    acknowledged_at    timestamp with time zone,
    escalation_level   integer default 0        not null,
    escalated_at       timestamp with time zone,
    -- when an unacknowledged alert escalates next; null for everything that never escalates
    next_escalation_at timestamp with time zone,
    constraint pk_notification primary key (notification_id),
    constraint uq_notification_report_kind_channel unique (report_id, kind, channel),
    constraint ck_notification_attempts check (attempts >= 0)
);

create index if not exists ix_notification_open_alerts on notification (kind, acknowledged_at, priority, created_at);
create index if not exists ix_notification_escalation_due on notification (next_escalation_at);

-- A delivery says HOW (one channel, one recipient role, one escalation level). Inserted in the transaction
-- that records (or escalates) the notification, so a redelivered or replayed event never adds a second one.
create table if not exists delivery (
    delivery_id      uuid                     not null,
    notification_id  uuid                     not null,
    channel          varchar(20)              not null,
    -- a role (CLINICIAN, ESCALATION, PATIENT), never an address: addresses are resolved at send time
    recipient        varchar(20)              not null,
    escalation_level integer                  not null,
    status           varchar(20)              not null,
    attempts         integer                  not null,
    next_attempt_at  timestamp with time zone not null,
    claimed_by       varchar(100),
    claimed_until    timestamp with time zone,
    last_error_class varchar(200),
    created_at       timestamp with time zone not null,
    delivered_at     timestamp with time zone,
    constraint pk_delivery primary key (delivery_id),
    constraint fk_delivery_notification foreign key (notification_id) references notification (notification_id),
    constraint uq_delivery_notification_channel_level unique (notification_id, channel, escalation_level),
    constraint ck_delivery_attempts check (attempts >= 0)
);

create index if not exists ix_delivery_due on delivery (status, next_attempt_at);

-- Every attempt on every channel. No message text and no address here.
create table if not exists delivery_attempt (
    attempt_id     uuid                     not null,
    delivery_id    uuid                     not null,
    channel        varchar(20)              not null,
    attempt_number integer                  not null,
    attempted_at   timestamp with time zone not null,
    outcome        varchar(20)              not null,
    error_class    varchar(200),
    constraint pk_delivery_attempt primary key (attempt_id),
    constraint fk_delivery_attempt_delivery foreign key (delivery_id) references delivery (delivery_id),
    constraint uq_delivery_attempt_number unique (delivery_id, attempt_number)
);

-- The dashboard feed: append-only. feed_id comes from alert_feed_sequence, whose single row each writer
-- locks until it commits, so ids become visible in increasing order and a reader never skips one.
create table if not exists alert_feed_sequence (
    sequence_id integer not null,
    last_id     bigint  not null,
    constraint pk_alert_feed_sequence primary key (sequence_id)
);

insert into alert_feed_sequence (sequence_id, last_id)
select 1, 0 where not exists (select 1 from alert_feed_sequence where sequence_id = 1);

create table if not exists alert_feed (
    feed_id    bigint                   not null,
    alert_id   uuid                     not null,
    event_type varchar(30)              not null,
    created_at timestamp with time zone not null,
    constraint pk_alert_feed primary key (feed_id),
    constraint fk_alert_feed_alert foreign key (alert_id) references notification (notification_id)
);
