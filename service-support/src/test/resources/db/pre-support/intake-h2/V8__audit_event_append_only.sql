-- H2 (local mode): no trigger; audit_event is append-only by the code alone (AuditTrail only inserts).
-- This script keeps the version numbers of both vendors' migrations the same.
select 1;
