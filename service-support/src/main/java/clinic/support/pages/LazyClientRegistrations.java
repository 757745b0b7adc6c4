package clinic.intake.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import java.util.Map;

/**
 * The page login's client registrations, built from {@code spring.security.oauth2.client.*} on first use.
 * Boot builds them at start-up and, with an {@code issuer-uri}, fetches the issuer's OIDC metadata right
 * then: intake would not start while the issuer is down. Built here on the first login instead (and
 * retried on the next one if the issuer was unreachable), the registration still comes from that metadata,
 * so the endpoints fit any OIDC provider (the local issuer, Keycloak) and the ID token's {@code iss} is
 * still checked against the configured issuer ({@code OidcIdTokenValidator} uses the provider's issuer).
 * Deliberately not {@code Iterable}: Spring Security would iterate it at start-up to list login links.
 */
final class LazyClientRegistrations implements ClientRegistrationRepository {

    private static final Logger log = LoggerFactory.getLogger(LazyClientRegistrations.class);

    private final OAuth2ClientProperties properties;
    private volatile Map<String, ClientRegistration> registrations;

    LazyClientRegistrations(OAuth2ClientProperties properties) {
        this.properties = properties;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return registrations().get(registrationId);
    }

    private Map<String, ClientRegistration> registrations() {
        Map<String, ClientRegistration> known = registrations;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (registrations == null) {
                try {
                    registrations = Map.copyOf(new OAuth2ClientPropertiesMapper(properties).asClientRegistrations());
                } catch (RuntimeException unreachable) {
                    log.warn("Login issuer metadata not available ({}); page login will retry",
                            unreachable.getClass().getName());
                    throw unreachable;
                }
            }
            return registrations;
        }
    }
}
