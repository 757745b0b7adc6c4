package clinic.support.audit;

/** How a request to a patient-data route ended, from its final HTTP status (plus the controller's mark). */
enum AuditOutcome {
    ALLOWED, UNAUTHENTICATED, DENIED, NOT_FOUND, REJECTED, FAILED;

    /**
     * @param status        the response status
     * @param denied        the controller refused the object (answered 404 so as not to reveal it)
     * @param authenticated whether the request carried a valid identity (a page's 302 to the login is none)
     */
    static AuditOutcome of(int status, boolean denied, boolean authenticated) {
        if (denied) {
            return DENIED;
        }
        if (status >= 500) {
            return FAILED;
        }
        if (status == 401 || (status < 400 && !authenticated)) {
            return UNAUTHENTICATED;
        }
        if (status < 400) {
            return ALLOWED;
        }
        return switch (status) {
            case 403 -> DENIED;
            case 404 -> NOT_FOUND;
            default -> REJECTED;
        };
    }
}
