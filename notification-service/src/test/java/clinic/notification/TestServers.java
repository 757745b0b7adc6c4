package clinic.notification;

import clinic.support.testing.TestIssuer;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A real SMTP server (GreenMail) and a real HTTP server (WireMock, standing in for the on-call webhook, the
 * escalation webhook and intake's contact endpoint), started once per test JVM on free ports and wired
 * into the application context. Tests share them, so they look only at messages about their own reports.
 */
public class TestServers implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String WEBHOOK_SECRET = "test-webhook-secret";
    public static final String ONCALL_HOOK = "/hooks/oncall";
    public static final String ESCALATION_HOOK = "/hooks/escalation";
    public static final String CLINICIAN_TO = "oncall@clinic.test";
    public static final String ESCALATION_TO = "escalation@clinic.test";
    public static final String TOKEN_PATH = "/oauth2/token";
    /** The client-credentials token the token endpoint stub hands out; intake's stubs require it. */
    public static final String CONTACT_TOKEN = "test-contact-token";
    public static final String CONTACT_LOOKUPS = "/internal/v1/patient-contacts/lookups";

    private static GreenMail smtp;
    private static int smtpPort;
    private static WireMockServer http;

    public static synchronized GreenMail smtp() {
        if (smtp == null) {
            smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            smtp.start();
            smtpPort = smtp.getSmtp().getPort();
        }
        return smtp;
    }

    /** Takes the SMTP server down; {@link #startSmtp()} brings it back on the same port. */
    public static synchronized void stopSmtp() {
        smtp().stop();
    }

    public static synchronized void startSmtp() {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    public static synchronized WireMockServer http() {
        if (http == null) {
            http = new WireMockServer(options().dynamicPort());
            http.start();
            defaultStubs(http);
            warmUp(http);
        }
        return http;
    }

    /**
     * Webhooks accept; intake knows every report, with a confirmed address, unless a test says otherwise (its
     * stubs take precedence).
     */
    private static void defaultStubs(WireMockServer server) {
        server.stubFor(post(urlEqualTo(ONCALL_HOOK)).atPriority(10).willReturn(aResponse().withStatus(204)));
        server.stubFor(post(urlEqualTo(ESCALATION_HOOK)).atPriority(10).willReturn(aResponse().withStatus(204)));
        server.stubFor(post(urlEqualTo(TOKEN_PATH)).atPriority(10)
                .withFormParam("grant_type", equalTo("client_credentials"))
                .willReturn(tokenResponse()));
        // every report asked for is known, with one confirmed address (WireMock's response templating)
        server.stubFor(post(urlEqualTo(CONTACT_LOOKUPS)).atPriority(10)
                .withHeader("Authorization", equalTo("Bearer " + CONTACT_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withTransformers("response-template").withBody("""
                                {"contacts": [{{#each (jsonPath request.body '$.reportIds') as |id|}}\
                                {{#unless @first}},{{/unless}}{"reportId": "{{id}}", "email": "any.patient@example.test", \
                                "emailConfirmed": true, "confirmationPath": null}{{/each}}], "unknownReportIds": []}""")));
    }

    /** A lookup of contacts that names this report (possibly among others of the same batch). */
    public static MappingBuilder contactLookupOf(UUID reportId) {
        return post(urlEqualTo(CONTACT_LOOKUPS)).withRequestBody(containing(reportId.toString()));
    }

    /** The lookups of contacts that named this report. */
    public static RequestPatternBuilder contactLookupsOf(UUID reportId) {
        return postRequestedFor(urlEqualTo(CONTACT_LOOKUPS)).withRequestBody(containing(reportId.toString()));
    }

    /** Intake's answer to a lookup: these contacts (JSON objects), and these reports unknown. */
    public static String contactsAnswer(List<String> contacts, List<UUID> unknown) {
        return "{\"contacts\": [" + String.join(", ", contacts) + "], \"unknownReportIds\": ["
                + String.join(", ", unknown.stream().map(id -> "\"" + id + "\"").toList()) + "]}";
    }

    public static ResponseDefinitionBuilder tokenResponse() {
        return aResponse().withHeader("Content-Type", "application/json").withBody(
                "{\"access_token\": \"" + CONTACT_TOKEN + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600, "
                        + "\"scope\": \"patients:contact\"}");
    }

    /** One request before the tests: a cold server's first answer can take longer than a webhook timeout. */
    private static void warmUp(WireMockServer server) {
        try {
            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(server.baseUrl() + ONCALL_HOOK))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException("WireMock did not answer", e);
        }
    }

    public static TestPropertyValues properties() {
        smtp();
        String base = http().baseUrl();
        return TestPropertyValues.of(
                "spring.mail.host=127.0.0.1",
                "spring.mail.port=" + smtpPort,
                "clinic.notification.email.clinician-to=" + CLINICIAN_TO,
                "clinic.notification.escalation.email-to=" + ESCALATION_TO,
                "clinic.notification.webhook.url=" + base + ONCALL_HOOK,
                "clinic.notification.webhook.secret=" + WEBHOOK_SECRET,
                "clinic.notification.webhook.timeout=2s",
                "clinic.notification.escalation.webhook-url=" + base + ESCALATION_HOOK,
                "clinic.notification.intake.base-url=" + base,
                "clinic.notification.intake.read-timeout=1s",
                "clinic.notification.intake.retries=1",
                "clinic.notification.intake.retry-delay=50ms",
                "clinic.notification.delivery.poll-interval=100ms",
                "clinic.notification.delivery.max-attempts=10",
                "clinic.notification.delivery.initial-backoff=100ms",
                "clinic.notification.delivery.max-backoff=300ms",
                "clinic.notification.escalation.poll-interval=100ms",
                "clinic.notification.stream.poll-interval=100ms",
                "clinic.links.intake-base-url=http://intake.test",
                // the contact lookups get their tokens from this server; the clinician pages log in at the test
                // issuer (provider clinic), whose token endpoint the code exchange must reach
                "spring.security.oauth2.client.provider.clinic-tokens.token-uri=" + base + TOKEN_PATH,
                "spring.security.oauth2.client.provider.clinic.issuer-uri=" + TestIssuer.get().issuerUri())
                .and(TestIssuer.get().resourceServerProperties().stream());
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        properties().applyTo(context);
    }
}
