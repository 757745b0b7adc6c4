package clinic.notification.contacts;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.web.client.RestClient;

/**
 * Intake's internal endpoints, called as this service itself: short timeouts and a client-credentials bearer
 * token (registration {@code patientcontacts}, scopes {@code patients:contact} and {@code cases:read}) on every
 * request. Built in {@link ContactClientConfig}.
 */
record IntakeClient(RestClient rest) {

    /** The one principal all calls share: the service itself, not whoever caused the call. */
    static final Authentication SERVICE = new AnonymousAuthenticationToken("notification-service",
            "notification-service", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
}
