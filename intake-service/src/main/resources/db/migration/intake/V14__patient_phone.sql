-- Issue 15. An optional phone number (E.164, + and 8 to 15 digits) for a clinician's same-day call. Patient data like the
-- name and email beside it: it stays in this table, never in an event, a log line or a metric.
alter table symptom_report add column patient_phone varchar(16);

-- A patient's own reports, newest first ("My reports"): looked up by owner.
create index symptom_report_owner_idx on symptom_report (owner_kind, owner_subject, submitted_at);
