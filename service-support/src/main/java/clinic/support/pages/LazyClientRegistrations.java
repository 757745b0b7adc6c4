package clinic.support.pages;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client registrations of {@code spring.security.oauth2.client.*}, each built on its first use. Boot builds
 * them all at start-up and, for a provider with an {@code issuer-uri}, fetches the issuer's OIDC metadata right
 * then: a service with a page login would not start while the issuer is down. Here a registration is built when
 * it is first asked for (and again on the next request if the issuer was unreachable), from that same metadata,
 * so the endpoints fit any OIDC provider (the local issuer, Keycloak) and the ID token's {@code iss} is still
 * checked against the configured issuer. Each registration is built alone: a login provider that is down does
 * not break a client-credentials registration of the same service, whose provider names its token URI.
 * Deliberately not {@code Iterable}: Spring Security would iterate it at start-up to list login links.
 */
public final class LazyClientRegistrations implements ClientRegistrationRepository {

    private static final Logger log = LoggerFactory.getLogger(LazyClientRegistrations.class);

    private final OAuth2ClientProperties properties;
    private final Map<String, ClientRegistration> built = new ConcurrentHashMap<>();

    public LazyClientRegistrations(OAuth2ClientProperties properties) {
        this.properties = properties;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        ClientRegistration known = built.get(registrationId);
        if (known != null || !properties.getRegistration().containsKey(registrationId)) {
            return known;
        }
        return built.computeIfAbsent(registrationId, this::build);
    }

    private ClientRegistration build(String registrationId) {
        OAuth2ClientProperties one = new OAuth2ClientProperties();
        one.getProvider().putAll(properties.getProvider());
        one.getRegistration().put(registrationId, properties.getRegistration().get(registrationId));
        try {
            return new OAuth2ClientPropertiesMapper(one).asClientRegistrations().get(registrationId);
        } catch (RuntimeException unreachable) {
            String errorClass = unreachable.getClass().getName();
            log.warn("Client registration {} not available yet ({}); it is built again on its next use",
                    registrationId, errorClass);
            throw unreachable;
        }
    }
}
