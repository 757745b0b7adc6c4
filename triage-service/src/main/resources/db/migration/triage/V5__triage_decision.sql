-- triage-service's own table. Versions 1-4 made it together with the outbox, inbox and audit tables, which
-- now belong to service-support (db/support, history in support_schema_history); those scripts are retired
-- (spring.flyway.ignore-migration-patterns lets existing databases keep them in their history). This script
-- states the table as it stands, "if not exists": a no-op where versions 1-4 ran, the table on a new database.
create table if not exists triage_decision (
    report_id       uuid                        not null primary key,
    disposition     varchar(20)                 not null,
    decided_at      timestamp(6) with time zone not null,
    ruleset_id      varchar(100)                not null,
    ruleset_version varchar(20)                 not null,
    ruleset_hash    varchar(64)                 not null,
    source_event_id uuid                        not null,
    decision_json   text                        not null
);

create index if not exists triage_decision_disposition on triage_decision (disposition, decided_at);
