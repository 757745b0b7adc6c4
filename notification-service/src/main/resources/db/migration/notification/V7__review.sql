-- One row per decided report: the rules' decision as the clinicians' case page shows it and, once a clinician
-- closes the review, what they judged right (disposition, condition) and their note. The note is patient data:
-- it stays in this table, never in an event, a log line or a metric.
create table review (
    report_id             uuid                     not null,
    rules_disposition     varchar(20)              not null,
    -- the rules' top-ranked condition; null when none scored
    rules_top_condition   varchar(40),
    ruleset_id            varchar(100)             not null,
    ruleset_version       varchar(20)              not null,
    -- the decision as recorded (red flags, fired rules with reasons and sources, ranked conditions), JSON
    decision              varchar                  not null,
    decided_at            timestamp with time zone not null,
    source_event_id       uuid                     not null,
    closed_at             timestamp with time zone,
    closed_by             varchar(200),
    clinician_disposition varchar(20),
    clinician_condition   varchar(40),
    note                  varchar(1000),
    constraint pk_review primary key (report_id),
    constraint ck_review_closed_whole check ((closed_at is null) = (clinician_disposition is null)
        and (closed_at is null) = (clinician_condition is null) and (closed_at is null) = (closed_by is null))
);

-- the agreement page: closed reviews per ruleset version
create index ix_review_ruleset on review (ruleset_id, ruleset_version, closed_at);
