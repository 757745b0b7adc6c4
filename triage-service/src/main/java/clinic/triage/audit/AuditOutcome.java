package clinic.triage.audit;

/** How an audited request ended, read from the final HTTP status. */
public enum AuditOutcome {
    ALLOWED, UNAUTHENTICATED, DENIED, NOT_FOUND, REJECTED, FAILED;

    static AuditOutcome of(int status) {
        if (status < 400) {
            return ALLOWED;
        }
        return switch (status) {
            case 401 -> UNAUTHENTICATED;
            case 403 -> DENIED;
            case 404 -> NOT_FOUND;
            default -> status >= 500 ? FAILED : REJECTED;
        };
    }
}
