-- Who submitted the report (the token's actor: a patient's sub, or the client id of an integration that
-- submits on a patient's behalf). Patients and clients read only their own reports. Null for reports
-- stored before issue 6: those are readable by clinicians only. Never in events or API responses.
alter table symptom_report add column owner_subject varchar(200);
