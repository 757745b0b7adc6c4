-- Issue 13: a retried POST never creates a second report. One row per Idempotency-Key (API) or one-time form key
-- (pages) that created a report, per owner, so two callers' keys never collide. Neither the key nor the request is
-- kept: the key only as its SHA-256 (a client may put anything in it), the request only as the SHA-256 of its
-- canonical form (it holds patient data), enough to tell a retry from a different request under the same key.
-- Rows expire after 24 hours and are purged (clinic.intake.idempotency.*). Version 11 belongs to another change.
create table idempotency_key (
    owner_kind   varchar(10)                 not null,
    owner_id     varchar(200)                not null,
    key_hash     varchar(64)                 not null,
    request_hash varchar(64)                 not null,
    report_id    uuid                        not null,
    created_at   timestamp(6) with time zone not null,
    -- the arbiter of concurrent retries: it is written in the report's own transaction, so only one commits
    constraint idempotency_key_pk primary key (owner_kind, owner_id, key_hash),
    constraint idempotency_key_report_fk foreign key (report_id) references symptom_report (id)
);

create index idempotency_key_created_idx on idempotency_key (created_at);
create index idempotency_key_report_idx on idempotency_key (report_id);
