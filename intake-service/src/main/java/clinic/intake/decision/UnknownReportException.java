package clinic.intake.decision;

import java.util.UUID;

/**
 * A triage decision names a report this service does not have. That cannot happen in a healthy
 * system: a report row is committed before its outbox row is ever relayed, so triage cannot have seen
 * it first. It therefore means a foreign or corrupt event (or a lost database), and retrying would
 * never help: the record is dead-lettered at once. The message carries only the report id.
 */
public class UnknownReportException extends RuntimeException {

    UnknownReportException(UUID reportId) {
        super("UNKNOWN_REPORT: no symptom report " + reportId);
    }
}
