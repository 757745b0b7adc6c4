-- Events already handled, per consumer: written in the handler's transaction so a redelivery does nothing.
create table processed_message (
    consumer     varchar(100)             not null,
    event_id     uuid                     not null,
    processed_at timestamp with time zone not null,
    constraint pk_processed_message primary key (consumer, event_id)
);

-- The delivery log: one row per notification to deliver. Alerts for clinicians are rows of kind
-- CLINICIAN_ALERT; acknowledging one fills acknowledged_by/acknowledged_at.
create table notification (
    notification_id  uuid                     not null,
    report_id        uuid                     not null,
    kind             varchar(40)              not null,
    channel          varchar(40)              not null,
    priority         varchar(2)               not null,
    status           varchar(20)              not null,
    content          varchar                  not null,
    source_event_id  uuid                     not null,
    created_at       timestamp with time zone not null,
    delivered_at     timestamp with time zone,
    attempts         integer                  not null,
    acknowledged_by  varchar(200),
    acknowledged_at  timestamp with time zone,
    constraint pk_notification primary key (notification_id),
    constraint uq_notification_report_kind_channel unique (report_id, kind, channel),
    constraint ck_notification_attempts check (attempts >= 0)
);

create index ix_notification_open_alerts on notification (kind, acknowledged_at, priority, created_at);

-- One row per delivery attempt once real channels (email, webhook, server-sent events) deliver
-- notifications; nothing writes here yet.
create table delivery_attempt (
    attempt_id      uuid                     not null,
    notification_id uuid                     not null,
    attempt_number  integer                  not null,
    attempted_at    timestamp with time zone not null,
    outcome         varchar(20)              not null,
    detail          varchar(500),
    constraint pk_delivery_attempt primary key (attempt_id),
    constraint fk_delivery_attempt_notification foreign key (notification_id) references notification (notification_id),
    constraint uq_delivery_attempt_number unique (notification_id, attempt_number)
);
