package clinic.support.testing;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every kind of caller the clinic knows, as an access table's columns ({@link AccessTable}): nobody, a person's
 * bearer token per clinic role, a machine client's bearer token per scope used in the project, and a browser
 * logged in on a service's pages per role. A bearer caller carries exactly one role or one scope, so that a table
 * cell says which one opens a route.
 */
public enum Caller {

    ANONYMOUS(Kind.NOBODY, null),
    PATIENT(Kind.PERSON, "PATIENT"),
    CLINICIAN(Kind.PERSON, "CLINICIAN"),
    OPS(Kind.PERSON, "OPS"),
    REPORTS_WRITE(Kind.CLIENT, "reports:write"),
    REPORTS_READ(Kind.CLIENT, "reports:read"),
    TRIAGE_READ(Kind.CLIENT, "triage:read"),
    NOTIFICATIONS_READ(Kind.CLIENT, "notifications:read"),
    PATIENTS_CONTACT(Kind.CLIENT, "patients:contact"),
    CASES_READ(Kind.CLIENT, "cases:read"),
    METRICS_READ(Kind.CLIENT, "metrics:read"),
    PATIENT_PAGE_LOGIN(Kind.PAGE_LOGIN, "PATIENT"),
    CLINICIAN_PAGE_LOGIN(Kind.PAGE_LOGIN, "CLINICIAN"),
    OPS_PAGE_LOGIN(Kind.PAGE_LOGIN, "OPS");

    /** The callers of a service without pages: nobody and every bearer token. */
    public static final Set<Caller> API_CALLERS = EnumSet.range(ANONYMOUS, METRICS_READ);
    /** Every caller: a service with pages is walked with its page logins too. */
    public static final Set<Caller> ALL = EnumSet.allOf(Caller.class);

    enum Kind { NOBODY, PERSON, CLIENT, PAGE_LOGIN }

    private final Kind kind;
    private final String roleOrScope;

    Caller(Kind kind, String roleOrScope) {
        this.kind = kind;
        this.roleOrScope = roleOrScope;
    }

    Kind kind() {
        return kind;
    }

    /** Whether the caller sends a bearer token: an API chain knows it, a page chain does not. */
    boolean hasBearerToken() {
        return kind == Kind.PERSON || kind == Kind.CLIENT;
    }

    boolean isPageLogin() {
        return kind == Kind.PAGE_LOGIN;
    }

    String role() {
        return roleOrScope;
    }

    /** A fresh token from the JVM's test issuer; the subject / client id names the walk's caller. */
    String bearerToken() {
        String name = "walk-" + name().toLowerCase().replace('_', '-');
        return switch (kind) {
            case PERSON -> TestIssuer.get().person(name, roleOrScope);
            case CLIENT -> TestIssuer.get().client(name, roleOrScope);
            default -> throw new IllegalStateException(this + " sends no bearer token");
        };
    }
}
