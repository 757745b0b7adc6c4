package clinic.notification.pages;

/** What every clinician page shares. */
public final class ClinicianPages {

    /**
     * The pages' own style sheet and script only; the script may talk to this site only (the live feed and the
     * queue it reloads); no framing (clickjacking), forms post back here only.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private ClinicianPages() {
    }
}
