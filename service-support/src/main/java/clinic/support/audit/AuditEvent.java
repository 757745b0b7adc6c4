package clinic.support.audit;

import java.time.Instant;

/**
 * One row of the audit trail, as {@code GET /ops/v1/audit-events} shows it. Ids, roles and codes only, never
 * names, emails or free text.
 */
public record AuditEvent(Instant occurredAt, String actor, String role, String action, String objectId,
                         String outcome, int httpStatus) {
}
