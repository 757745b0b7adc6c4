package clinic.support.web;

import org.apache.catalina.session.TooManyActiveSessionsException;

/**
 * A new session refused because the service keeps {@code clinic.web.sessions.max-active} sessions already
 * (Spring Session's JDBC store, {@link JdbcSessionCeiling}; Tomcat's own manager throws
 * {@link TooManyActiveSessionsException} instead). {@link SessionLimitFilter} answers it with a 503 problem.
 */
public class SessionCeilingReachedException extends IllegalStateException {

    public SessionCeilingReachedException(int maxActiveSessions) {
        super("The session ceiling of " + maxActiveSessions + " live sessions is reached");
    }

    /**
     * Rethrows the refusal of a session found in {@code failure}'s causes, for a handler that would otherwise
     * swallow it: Spring Security's login start ({@code OAuth2AuthorizationRequestRedirectFilter}) turns every
     * failure into a 500, where the session ceiling must reach {@link SessionLimitFilter} and be a 503.
     */
    public static void rethrowIfCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SessionCeilingReachedException || cause instanceof TooManyActiveSessionsException) {
                throw (IllegalStateException) cause;
            }
        }
    }

    static boolean isCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SessionCeilingReachedException || cause instanceof TooManyActiveSessionsException) {
                return true;
            }
        }
        return false;
    }
}
