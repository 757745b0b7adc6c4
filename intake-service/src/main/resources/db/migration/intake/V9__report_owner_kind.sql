-- Version 9, not 7: versions 2, 3, 4, 7 and 8 were the shared tables' scripts, now retired to service-support but
-- still recorded in older databases' history; a new script must never reuse their numbers.
-- The owner's namespace: PERSON (a token's sub) or CLIENT (a client id), so that a person whose user name
-- equals a client id never owns that client's reports (issue 12). Reports stored before keep a null kind and
-- are matched on the id alone, as they were when written.
alter table symptom_report add column owner_kind varchar(10);
