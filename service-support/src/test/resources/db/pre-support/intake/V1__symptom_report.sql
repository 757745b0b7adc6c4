-- Submitted reports. The patient's identity has columns of its own and never leaves this service;
-- the clinical answers are the JSON sent to triage.
create table symptom_report (
    id                  uuid                     not null,
    patient_external_id varchar(64)              not null,
    patient_name        varchar(200)             not null,
    patient_email       varchar(254)             not null,
    answers             varchar(4000)            not null,
    status              varchar(16)              not null,
    disposition         varchar(32),
    submitted_at        timestamp(6) with time zone not null,
    triaged_at          timestamp(6) with time zone,
    version             bigint                   not null,
    constraint symptom_report_pk primary key (id),
    constraint symptom_report_status_ck check (status in ('RECEIVED', 'TRIAGED')),
    constraint symptom_report_triaged_ck check ((status = 'TRIAGED') = (disposition is not null))
);

create index symptom_report_patient_idx on symptom_report (patient_external_id);
