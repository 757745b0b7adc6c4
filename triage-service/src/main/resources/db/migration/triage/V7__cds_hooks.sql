-- CDS Hooks (clinic.triage.cds). The EHR owns the record of what it asked and what we answered: we keep no
-- answers and no patient ids, only enough to recognise our own cards when feedback about them arrives.

-- Each card issued: its uuid (and its suggestion's), what it said in one word, which rules said it, to whom.
create table if not exists cds_card (
    card_uuid       uuid                        not null primary key,
    suggestion_uuid uuid,
    disposition     varchar(20)                 not null,
    ruleset_version varchar(20)                 not null,
    ruleset_hash    varchar(64)                 not null,
    issuer          varchar(300)                not null,
    issued_at       timestamp(6) with time zone not null
);

-- Feedback on a card. user_comment is a clinician's free text: stored for review, never logged.
create table if not exists cds_feedback (
    feedback_id         uuid                        not null primary key,
    card_uuid           uuid                        not null references cds_card (card_uuid),
    outcome             varchar(20)                 not null,
    accepted_suggestion uuid,
    override_system     varchar(200),
    override_code       varchar(100),
    user_comment        varchar(500),
    outcome_at          timestamp(6) with time zone not null,
    received_at         timestamp(6) with time zone not null
);

create index if not exists cds_feedback_card on cds_feedback (card_uuid);

-- The jti of every EHR token accepted, until it expires: a second use of the same token is refused.
create table if not exists cds_token_use (
    issuer     varchar(300)                not null,
    jti        varchar(200)                not null,
    expires_at timestamp(6) with time zone not null,
    primary key (issuer, jti)
);

create index if not exists cds_token_use_expiry on cds_token_use (expires_at);
