package clinic.notification.contacts;

import clinic.notification.NotificationProperties;
import clinic.notification.TestServers;
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
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contact lookup's client-credentials token against a real HTTP token endpoint and intake (WireMock),
 * with the registration exactly as notification.yml declares it, but pointed at WireMock.
 */
class ContactTokenTest {

    private static final String TOKEN_PATH = "/oauth2/token";
    private static final String CONTACTS = TestServers.CONTACT_LOOKUPS;

    private static WireMockServer http;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OAuth2ClientAutoConfiguration.class,
                    RestClientAutoConfiguration.class))
            .withUserConfiguration(Lookup.class)
            .withPropertyValues(
                    "spring.security.oauth2.client.registration.patientcontacts.provider=clinic-tokens",
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
                "spring.security.oauth2.client.provider.clinic-tokens.token-uri=" + http.baseUrl() + TOKEN_PATH,
                "clinic.notification.intake.base-url=" + http.baseUrl());
    }

    @Test
    void sendsTheBearerTokenFromTheTokenEndpointAndKeepsItForTheNextLookup() {
        tokenEndpointGives("token-1");
        intakeAccepts("token-1");

        pointedAtWireMock().run(app -> {
            PatientContacts contacts = app.getBean(PatientContacts.class);

            assertThat(lookup(contacts, UUID.randomUUID()).email()).isEqualTo("pat@example.test");
            assertThat(lookup(contacts, UUID.randomUUID()).email()).isEqualTo("pat@example.test");
        });

        assertThat(http.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).singleElement().satisfies(request -> {
            assertThat(request.getBodyAsString()).contains("grant_type=client_credentials", "scope=patients%3Acontact");
            assertThat(request.getHeader("Authorization")).startsWith("Basic ");
        });
        assertThat(http.findAll(postRequestedFor(urlEqualTo(CONTACTS)))).hasSize(2);
    }

    @Test
    void theServiceStartsWhileTheIssuerIsDownAndALookupThenFailsTransiently() {
        context.withPropertyValues(
                        "spring.security.oauth2.client.provider.clinic-tokens.token-uri=http://127.0.0.1:9" + TOKEN_PATH,
                        "clinic.notification.intake.base-url=" + http.baseUrl())
                .run(app -> {
                    assertThat(app).hasNotFailed();
                    assertThatThrownBy(() -> lookup(app.getBean(PatientContacts.class), UUID.randomUUID()))
                            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                                assertThat(failure.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
                                assertThat(failure.errorClass()).isEqualTo("PatientContactTokenUnavailable");
                            });
                });
        assertThat(http.findAll(postRequestedFor(urlEqualTo(CONTACTS)))).as("no call without a token").isEmpty();
    }

    @Test
    void aTokenEndpointAnswering503IsTransientAndTheLookupWorksOnceItIsBack() {
        http.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("issuer").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)));
        intakeAccepts("token-after-outage");

        pointedAtWireMock().run(app -> {
            PatientContacts contacts = app.getBean(PatientContacts.class);
            assertThatThrownBy(() -> lookup(contacts, UUID.randomUUID()))
                    .isInstanceOfSatisfying(DeliveryFailure.class,
                            failure -> assertThat(failure.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE));

            http.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("issuer").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(token("token-after-outage")));

            assertThat(lookup(contacts, UUID.randomUUID()).email()).isEqualTo("pat@example.test");
        });
    }

    @Test
    void aTokenIntakeRefusesIsDroppedSoTheNextLookupGetsANewOne() {
        http.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("second").willReturn(token("revoked-token")));
        http.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(token("fresh-token")));
        http.stubFor(post(urlEqualTo(CONTACTS)).withHeader("Authorization", equalTo("Bearer revoked-token"))
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")));
        intakeAccepts("fresh-token");

        pointedAtWireMock().run(app -> {
            PatientContacts contacts = app.getBean(PatientContacts.class);
            assertThatThrownBy(() -> lookup(contacts, UUID.randomUUID()))
                    .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                        assertThat(failure.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
                        assertThat(failure.errorClass()).isEqualTo("PatientContactHttp401");
                    });

            assertThat(lookup(contacts, UUID.randomUUID()).email()).isEqualTo("pat@example.test");
        });
        assertThat(http.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSize(2);
    }

    @Test
    void aForbiddenLookupIsTransientButAnUnknownReportIsPermanent() {
        tokenEndpointGives("token-1");
        UUID forbidden = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        http.stubFor(TestServers.contactLookupOf(forbidden).willReturn(aResponse().withStatus(403)));
        http.stubFor(TestServers.contactLookupOf(unknown).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(TestServers.contactsAnswer(List.of(), List.of(unknown)))));

        pointedAtWireMock().run(app -> {
            PatientContacts contacts = app.getBean(PatientContacts.class);
            assertThatThrownBy(() -> lookup(contacts, forbidden)).isInstanceOfSatisfying(DeliveryFailure.class,
                    failure -> assertThat(failure.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE));
            assertThatThrownBy(() -> lookup(contacts, unknown)).isInstanceOfSatisfying(DeliveryFailure.class,
                    failure -> assertThat(failure.outcome()).isEqualTo(Outcome.PERMANENT_FAILURE));
        });
        assertThat(http.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).as("a 403 keeps the token").hasSize(1);
    }

    @Test
    void oneCallLooksSeveralReportsUpAndEachGetsItsContactOrItsOwnReason() {
        tokenEndpointGives("token-1");
        UUID known = UUID.randomUUID();
        UUID withoutEmail = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        UUID leftOut = UUID.randomUUID();
        http.stubFor(post(urlEqualTo(CONTACTS)).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(TestServers.contactsAnswer(List.of(
                        "{\"reportId\": \"" + known + "\", \"email\": \"pat@example.test\", \"emailConfirmed\": true}",
                        "{\"reportId\": \"" + withoutEmail + "\", \"email\": \" \"}"), List.of(unknown)))));

        pointedAtWireMock().run(app -> {
            PatientContacts.Found found = app.getBean(PatientContacts.class)
                    .lookupAll(List.of(known, withoutEmail, unknown, leftOut, known));

            assertThat(found.of(known).email()).isEqualTo("pat@example.test");
            assertThat(found.of(known).emailConfirmed()).isTrue();
            assertThat(found.failures().get(withoutEmail).errorClass()).isEqualTo("PatientContactWithoutEmail");
            assertThat(found.failures().get(withoutEmail).outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
            assertThat(found.failures().get(unknown).errorClass()).isEqualTo("PatientContactNotFound");
            assertThat(found.failures().get(unknown).outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
            assertThat(found.failures().get(leftOut).outcome()).as("left out of the answer: asked again later")
                    .isEqualTo(Outcome.TRANSIENT_FAILURE);
        });
        assertThat(http.findAll(postRequestedFor(urlEqualTo(CONTACTS)))).singleElement()
                .satisfies(request -> assertThat(request.getBodyAsString()).contains(known.toString(),
                        withoutEmail.toString(), unknown.toString(), leftOut.toString()));
    }

    /** One report's contact through the batched lookup, as the email channel asks for it. */
    private static PatientContact lookup(PatientContacts contacts, UUID reportId) throws DeliveryFailure {
        return contacts.lookupAll(List.of(reportId)).of(reportId);
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
        http.stubFor(post(urlEqualTo(CONTACTS)).withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withTransformers("response-template").withBody("""
                                {"contacts": [{"reportId": "{{jsonPath request.body '$.reportIds[0]'}}",
                                 "email": "pat@example.test", "emailConfirmed": true, "confirmationPath": null}],
                                 "unknownReportIds": []}""")));
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
