package clinic.notification.security;

import clinic.notification.NotificationServiceTest;
import clinic.support.testing.AccessTable;
import clinic.support.testing.ApiDocuments;
import clinic.support.testing.AccessWalk;
import clinic.support.testing.MappedRoutes;
import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

import static clinic.support.testing.AccessTable.api;
import static clinic.support.testing.AccessTable.page;
import static clinic.support.testing.Caller.CLINICIAN;
import static clinic.support.testing.Caller.CLINICIAN_PAGE_LOGIN;
import static clinic.support.testing.Caller.METRICS_READ;
import static clinic.support.testing.Caller.NOTIFICATIONS_READ;
import static clinic.support.testing.Caller.OPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may call what, over real HTTP against the running service: refused tokens, wrong roles, the machine
 * client's scopes, the actuator, and error bodies that say nothing internal.
 */
@NotificationServiceTest
class SecurityMatrixTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ALERTS = "/api/v1/alerts";

    /**
     * Every route notification maps, and who may call which of its methods; everything else is refused (401
     * without a token, 403 with one). HEAD is a read like GET and open to the same callers; OPTIONS to nobody.
     */
    static final AccessTable ACCESS = AccessTable.of(ApiDocuments.withDocumentRows(
            api("/actuator/health").allowsEveryone("GET HEAD"),
            api("/actuator/health/**").at("/actuator/health/liveness").allowsEveryone("GET HEAD"),
            api("/actuator/prometheus").allows("GET HEAD", OPS, METRICS_READ),
            api("/actuator").allows("GET HEAD", OPS),
            api("/actuator/info").allows("GET HEAD", OPS),
            api("/ops/v1/audit-events").at("/ops/v1/audit-events?objectId={id}").allows("GET HEAD", OPS),
            api("/api/v1/notifications").at("/api/v1/notifications?reportId={id}")
                    .allows("GET HEAD", CLINICIAN, OPS, NOTIFICATIONS_READ),
            api(ALERTS).allows("GET HEAD", CLINICIAN),
            api(ALERTS + "/stream").allows("GET HEAD", CLINICIAN),
            api(ALERTS + "/{alertId}/acknowledgement").allows("POST", CLINICIAN),
            // the clinician pages: CLINICIAN page logins only
            page("/").allows("GET HEAD", CLINICIAN_PAGE_LOGIN),
            page("/queue").allows("GET HEAD", CLINICIAN_PAGE_LOGIN),
            page("/alerts/feed").allows("GET HEAD", CLINICIAN_PAGE_LOGIN),
            page("/alerts/{alertId}/acknowledgement").allows("POST", CLINICIAN_PAGE_LOGIN),
            page("/cases/{reportId}").allows("GET HEAD", CLINICIAN_PAGE_LOGIN),
            page("/cases/{reportId}/review").allows("POST", CLINICIAN_PAGE_LOGIN),
            page("/agreement").allows("GET HEAD", CLINICIAN_PAGE_LOGIN),
            page("/signed-out").allowsEveryone("GET HEAD"),
            page("/error").allowsEveryone("GET HEAD"),
            // static files: the style sheet and the script are everyone's, nothing else under them is reachable
            page("/**").at("/clinician.css").allowsEveryone("GET HEAD"),
            page("/**").at("/other/page"),
            page("/webjars/**")))
            .withPageLogin(SecurityConfig.PAGE_LOGIN, "/");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void everyMappedRouteHasARowInTheAccessTableAndEveryRowAMappedRoute() {
        assertThat(ACCESS.mismatchesWith(MappedRoutes.of(context))).isEmpty();
    }

    @Test
    void everyRouteAnswersEveryMethodAndCallerAsTheAccessTableSays() {
        assertThat(AccessWalk.on(port, ACCESS).differences()).isEmpty();
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of("no token", null),
                Arguments.of("expired", TestIssuer.get().expired("dr-x")),
                Arguments.of("wrong issuer", TestIssuer.get().wrongIssuer("dr-x")),
                Arguments.of("wrong audience", TestIssuer.get().wrongAudience("dr-x")),
                Arguments.of("alg=none", TestIssuer.get().unsigned("dr-x")),
                Arguments.of("signed by another key", TestIssuer.get().signedByAnotherKey("dr-x")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aRefusedTokenIsAnUnauthorizedProblemThatSaysNothingInternal(String name, String token) throws Exception {
        Answer answer = call("GET", ALERTS, token);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.wwwAuthenticate()).startsWith("Bearer");
        assertThat(answer.body()).contains("\"type\":\"about:blank\"", "\"title\":\"Unauthorized\"", "\"status\":401")
                .doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("jwt")
                .doesNotContain("trace");
    }

    static Stream<Arguments> clinicianEndpoints() {
        UUID id = UUID.randomUUID();
        return Stream.of(
                Arguments.of("GET", ALERTS),
                Arguments.of("GET", ALERTS + "/stream"),
                Arguments.of("POST", ALERTS + "/" + id + "/acknowledgement"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clinicianEndpoints")
    void aPatientIsForbiddenOnEveryClinicianEndpoint(String method, String path) throws Exception {
        assertForbidden(call(method, path, TestIssuer.get().patient("patient-a")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clinicianEndpoints")
    void theNotificationsReadClientIsForbiddenOnTheAlerts(String method, String path) throws Exception {
        assertForbidden(call(method, path, TestIssuer.get().client("clinic-integration", "notifications:read")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clinicianEndpoints")
    void opsIsForbiddenOnTheAlerts(String method, String path) throws Exception {
        assertForbidden(call(method, path, TestIssuer.get().ops("ops-a")));
    }

    @Test
    void aPatientIsForbiddenOnTheDeliveryLogTheOpsEndpointsAndTheMetrics() throws Exception {
        String patient = TestIssuer.get().patient("patient-a");
        assertForbidden(call("GET", "/api/v1/notifications?reportId=" + UUID.randomUUID(), patient));
        assertForbidden(call("GET", "/ops/v1/audit-events?objectId=" + UUID.randomUUID(), patient));
        assertForbidden(call("GET", "/actuator/prometheus", patient));
    }

    @Test
    void theDeliveryLogIsOpenToClinicianOpsAndTheNotificationsReadScope() throws Exception {
        String path = "/api/v1/notifications?reportId=" + UUID.randomUUID();
        assertThat(call("GET", path, TestIssuer.get().clinician("dr-a")).status()).isEqualTo(200);
        assertThat(call("GET", path, TestIssuer.get().ops("ops-a")).status()).isEqualTo(200);
        assertThat(call("GET", path, TestIssuer.get().client("clinic-integration", "notifications:read")).status())
                .isEqualTo(200);
        assertForbidden(call("GET", path,
                TestIssuer.get().client("clinic-integration", "reports:read", "triage:read")));
    }

    @Test
    void aClinicianReadsTheAlertQueue() throws Exception {
        Answer answer = call("GET", ALERTS, TestIssuer.get().clinician("dr-a"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
    }

    @Test
    void healthIsAnonymous() throws Exception {
        assertThat(call("GET", "/actuator/health/liveness", null).status()).isEqualTo(200);
        // the whole health is 503 until the listeners hold their partitions, just after start-up: never a 401
        await().atMost(Duration.ofSeconds(30))
                .until(() -> call("GET", "/actuator/health", null).status() == 200);
    }

    @Test
    void prometheusNeedsOpsOrTheMetricsScope() throws Exception {
        assertThat(call("GET", "/actuator/prometheus", null).status()).isEqualTo(401);
        assertForbidden(call("GET", "/actuator/prometheus", TestIssuer.get().clinician("dr-a")));
        assertThat(call("GET", "/actuator/prometheus", TestIssuer.get().ops("ops-a")).status()).isEqualTo(200);
        assertThat(call("GET", "/actuator/prometheus", TestIssuer.get().client("prometheus", "metrics:read")).status())
                .isEqualTo(200);
        assertThat(call("GET", "/actuator/info", null).status()).isEqualTo(401);
    }

    @Test
    void anUnknownPathIsUnauthorizedAnonymouslyAndForbiddenWithoutInternalsForACaller() throws Exception {
        assertThat(call("GET", "/api/v1/nothing-here", null).status()).isEqualTo(401);

        Answer answer = call("GET", "/api/v1/nothing-here", TestIssuer.get().clinician("dr-a"));

        assertForbidden(answer);
        assertThat(answer.body()).doesNotContain("\"trace\"", "\"exception\"", "\"message\"", "Exception");
    }

    @Test
    void aBadParameterIsAProblemWithoutStackTraceOrExceptionName() throws Exception {
        Answer answer = call("GET", "/api/v1/notifications?reportId=%3Cscript%3E", TestIssuer.get().clinician("dr-a"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).doesNotContain("<script>", "Exception", "\"trace\"", "at clinic.");
    }

    private static void assertForbidden(Answer answer) {
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"title\":\"Forbidden\"", "\"status\":403")
                .doesNotContainIgnoringCase("exception");
    }

    private Answer call(String method, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", TestIssuer.bearer(token));
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String body;
        try (InputStream in = response.body()) {
            // an event stream never ends: its status and content type are all this test needs
            body = contentType.startsWith("text/event-stream") ? "" : new String(in.readAllBytes(),
                    StandardCharsets.UTF_8);
        }
        return new Answer(response.statusCode(), contentType,
                response.headers().firstValue("WWW-Authenticate").orElse(""), body);
    }

    record Answer(int status, String contentType, String wwwAuthenticate, String body) {
    }
}
