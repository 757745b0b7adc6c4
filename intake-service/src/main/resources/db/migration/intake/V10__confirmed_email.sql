-- Issue 12, finding 4: an email address typed into a report is not trusted with health details until the person
-- who submitted the report has shown it is theirs (a link sent to it, opened while signed in as them), or their
-- issuer vouched for it (a verified email claim). A clinic integration's addresses are trusted without a row.
create table confirmed_email (
    owner_kind   varchar(10)                 not null,
    owner_id     varchar(200)                not null,
    email        varchar(254)                not null,
    confirmed_at timestamp(6) with time zone not null,
    constraint confirmed_email_pk primary key (owner_kind, owner_id, email)
);

-- One row per link sent. Only the SHA-256 of the link's token is kept: a copy of this table opens nothing.
create table email_confirmation (
    token_hash   varchar(64)                 not null,
    report_id    uuid                        not null,
    owner_kind   varchar(10)                 not null,
    owner_id     varchar(200)                not null,
    email        varchar(254)                not null,
    created_at   timestamp(6) with time zone not null,
    expires_at   timestamp(6) with time zone not null,
    confirmed_at timestamp(6) with time zone,
    constraint email_confirmation_pk primary key (token_hash),
    constraint email_confirmation_report_fk foreign key (report_id) references symptom_report (id)
);

create index email_confirmation_report_idx on email_confirmation (report_id);
