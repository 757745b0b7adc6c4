package clinic.triage.audit;

import java.time.Instant;

/** One audit row as the ops endpoint shows it. Holds ids and codes only, never patient data. */
record AuditEntry(Instant occurredAt, String actor, String role, String action, String objectId, String outcome,
                  int httpStatus) {
}
