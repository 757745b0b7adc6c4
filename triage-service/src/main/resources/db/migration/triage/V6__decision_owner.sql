-- Who submitted the decided report (issue 12, finding 3), from the report event's submittedby attribute:
-- owner_kind CLIENT with the client's id, or PERSON without an id (people read their reports in intake only).
-- Both null for decisions made before the attribute existed: those are for clinicians only.
alter table triage_decision add column if not exists owner_kind varchar(10);
alter table triage_decision add column if not exists owner_id varchar(200);
