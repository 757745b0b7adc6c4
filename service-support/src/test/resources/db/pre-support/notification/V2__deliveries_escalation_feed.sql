-- Issue 5: real channels. A notification says WHAT is notified; a delivery says HOW (one channel, one
-- recipient role, one escalation level). Deliveries are inserted in the transaction that records the
-- notification (or escalates it), so a redelivered or replayed event can never add a second one.

alter table notification add column escalation_level integer default 0 not null;
alter table notification add column escalated_at timestamp with time zone;
-- When an unacknowledged alert escalates next; null for everything that never escalates.
alter table notification add column next_escalation_at timestamp with time zone;

create index ix_notification_escalation_due on notification (next_escalation_at);

create table delivery (
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

create index ix_delivery_due on delivery (status, next_attempt_at);

-- Never written before issue 5: recreated to point at deliveries. No message text and no address here.
drop table delivery_attempt;

create table delivery_attempt (
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
create table alert_feed_sequence (
    sequence_id integer not null,
    last_id     bigint  not null,
    constraint pk_alert_feed_sequence primary key (sequence_id)
);

insert into alert_feed_sequence (sequence_id, last_id) values (1, 0);

create table alert_feed (
    feed_id    bigint                   not null,
    alert_id   uuid                     not null,
    event_type varchar(30)              not null,
    created_at timestamp with time zone not null,
    constraint pk_alert_feed primary key (feed_id),
    constraint fk_alert_feed_alert foreign key (alert_id) references notification (notification_id)
);
