package clinic.intake.audit;

import java.time.Instant;

/** One row of {@code GET /ops/v1/audit-events}. */
record AuditEventView(Instant occurredAt, String actor, String role, String action, String objectId,
                      String outcome, int httpStatus) {
}
