package clinic.notification.contacts;

import clinic.notification.NotificationProperties;
import clinic.notification.delivery.DeliveryFailure;
import clinic.notification.delivery.Outcome;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contact lookup's client-credentials token against a real HTTP token endpoint and intake (WireMock),
 * with the registration exactly as notification.yml declares it, but pointed at WireMock.
 */
class ContactTokenTest {

    private static final String TOKEN_PATH = "/oauth2/token";
    private static final String CONTACTS = "/internal/v1/patient-contacts/.*";

    private static WireMockServer http;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OAuth2ClientAutoConfiguration.class))
            .withUserConfiguration(Lookup.class)
            .withPropertyValues(
                    "spring.security.oauth2.client.registration.patientcontacts.provider=clinic",
                    "spring.security.oauth2.client.registration.patientcontacts.client-id=notification-service",
                    "spring.security.oauth2.client.registration.patientcontacts.client-secret=test-secret",
                    "spring.security.oauth2.client.registration.patientcontacts.authorization-grant-type=client_credentials",
                    "spring.security.oauth2.client.registration.patientcontacts.scope=patients:contact",
                    "clinic.notification.intake.retries=0");

    @BeforeAll
    static void start() {
        http = new WireMockServer(options().dynamicPort());
        http.start();
    }

    @AfterAll
    static void stop() {
        http.stop();
    }

    @BeforeEach
    void reset() {
        http.resetAll();
    }

    private ApplicationContextRunner pointedAtWireMock() {
        return context.withPropertyValues(
                "spring.security.oauth2.client.provider.clinic.token-uri=" + http.baseUrl() + TOKEN_PATH,
                "clinic.notification.intake.base-url=" + http.baseUrl());
    }

    @Test
    void sendsTheBearerTokenFromTheTokenEndpointAndKeepsItForTheNextLookup() {
        tokenEndpointGives("token-1");
        intakeAccepts("token-1");

        pointedAtWireMock().run(app -> {
            PatientContacts contacts = app.getBean(PatientContacts.class);

            assertThat(contacts.lookup(UUID.randomUUID()).email()).isEqualTo("pat@example.test");
            assertThat(contacts.lookup(UUID.randomUUID()).email()).isEqualTo("pat@example.test");
        });

        assertThat(http.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).singleElement().satisfies(request -> {
            assertThat(request.getBodyAsString()).contains("grant_type=client_credentials", "scope=patients%3Acontact");
            assertThat(request.getHeader("Authorization")).startsWith("Basic ");
        });
        assertThat(http.findAll(getRequestedFor(urlPathMatching(CONTACTS)))).hasSize(2);
    }

    @Test
    void theServiceStartsWhileTheIssuerIsDownAndALookupThenFailsTransiently() {
        context.withPropertyValues(
                        "spring.security.oauth2.client.provider.clinic.token-uri=http://127.0.0.1:9" + TOKEN_PATH,
                        "clinic.notification.intake.base-url=" + http.baseUrl())
                .run(app -> {
                    assertThat(app).hasNotFailed();
                    assertThatThrownBy(() -> app.getBean(PatientContacts.class).lookup(UUID.randomUUID()))
                            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                                assertThat(failure.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
                                assertThat(failure.errorClass()).isEqualTo("PatientContactTokenUnavailable");
                            });
                });
        assertThat(http.findAll(getRequestedFor(urlPathMatching(CONTACTS)))).as("no call without a token").isEmpty();
    }

    @Test
    void aTokenEndpointAnswering503IsTransientAndTheLookupWorksOnceItIsBack() {
        http.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("issuer").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)));
        intakeAccepts("token-after-outage");

        pointedAtWireMock().run(app -> {
            PatientContacts contacts = app.getBean(PatientContacts.class);
            assertThatThrownBy(() -> contacts.lookup(UUID.randomUUID()))
                    .isInstanceOfSatisfying(DeliveryFailure.class,
                            failure -> assertThat(failure.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE));

            http.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("issuer").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(token("token-after-outage")));

            assertThat(contacts.lookup(UUID.randomUUID()).email()).isEqualTo("pat@example.test");
        });
    }

    @Test
    void aTokenIntakeRefusesIsDroppedSoTheNextLookupGetsANewOne() {
        http.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("second").willReturn(token("revoked-token")));
        http.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(token("fresh-token")));
        http.stubFor(get(urlPathMatching(CONTACTS)).withHeader("Authorization", equalTo("Bearer revoked-token"))
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")));
        intakeAccepts("fresh-token");

        pointedAtWireMock().run(app -> {
            PatientContacts contacts = app.getBean(PatientContacts.class);
            assertThatThrownBy(() -> contacts.lookup(UUID.randomUUID()))
                    .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                        assertThat(failure.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
                        assertThat(failure.errorClass()).isEqualTo("PatientContactHttp401");
                    });

            assertThat(contacts.lookup(UUID.randomUUID()).email()).isEqualTo("pat@example.test");
        });
        assertThat(http.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSize(2);
    }

    @Test
    void aForbiddenLookupIsTransientButAnUnknownReportIsPermanent() {
        tokenEndpointGives("token-1");
        UUID forbidden = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        http.stubFor(get(urlEqualTo("/internal/v1/patient-contacts/" + forbidden))
                .willReturn(aResponse().withStatus(403)));
        http.stubFor(get(urlEqualTo("/internal/v1/patient-contacts/" + unknown))
                .willReturn(aResponse().withStatus(404)));

        pointedAtWireMock().run(app -> {
            PatientContacts contacts = app.getBean(PatientContacts.class);
            assertThatThrownBy(() -> contacts.lookup(forbidden)).isInstanceOfSatisfying(DeliveryFailure.class,
                    failure -> assertThat(failure.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE));
            assertThatThrownBy(() -> contacts.lookup(unknown)).isInstanceOfSatisfying(DeliveryFailure.class,
                    failure -> assertThat(failure.outcome()).isEqualTo(Outcome.PERMANENT_FAILURE));
        });
        assertThat(http.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).as("a 403 keeps the token").hasSize(1);
    }

    private static void tokenEndpointGives(String accessToken) {
        http.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("grant_type=client_credentials"))
                .willReturn(token(accessToken)));
    }

    private static ResponseDefinitionBuilder token(String accessToken) {
        return aResponse().withHeader("Content-Type", "application/json").withBody("""
                {"access_token": "%s", "token_type": "Bearer", "expires_in": 300, "scope": "patients:contact"}"""
                .formatted(accessToken));
    }

    private static void intakeAccepts(String accessToken) {
        http.stubFor(get(urlPathMatching(CONTACTS)).withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"email\": \"pat@example.test\", \"emailConfirmed\": true, \"confirmationPath\": null}")));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NotificationProperties.class)
    @Import({ContactClientConfig.class, PatientContacts.class})
    static class Lookup {

        @Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().build();
        }
    }
}
