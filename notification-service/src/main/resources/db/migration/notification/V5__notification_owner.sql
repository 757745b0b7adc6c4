-- Who submitted the report a notification is about (issue 12, finding 3), as the triage event's submittedby
-- attribute names it: owner_kind CLIENT with the client's id, or PERSON without an id. Both null for rows
-- recorded before the attribute existed: their delivery log is for clinicians and operations only.
alter table notification add column if not exists owner_kind varchar(10);
alter table notification add column if not exists owner_id varchar(200);
