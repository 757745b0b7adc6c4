package clinic.triage.security;

import clinic.events.SubmittedBy;
import clinic.support.testing.AccessTable;
import clinic.support.testing.ApiDocuments;
import clinic.support.testing.AccessWalk;
import clinic.support.testing.MappedRoutes;
import clinic.support.testing.TestIssuer;
import clinic.triage.decision.Triage;
import clinic.triage.testing.Answers;
import clinic.triage.testing.ReportEvents;
import clinic.triage.testing.TriageServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static clinic.support.testing.AccessTable.api;
import static clinic.support.testing.Caller.CLINICIAN;
import static clinic.support.testing.Caller.METRICS_READ;
import static clinic.support.testing.Caller.OPS;
import static clinic.support.testing.Caller.TRIAGE_READ;
import static org.assertj.core.api.Assertions.assertThat;

/** Who may call what, over real HTTP with tokens from {@link TestIssuer}. */
@TriageServiceTest
class SecurityMatrixTest {

    /**
     * Every route triage maps, and who may call which of its methods; everything else is refused (401 without a
     * token, 403 with one). HEAD is a read like GET and open to the same callers; OPTIONS is open to nobody.
     */
    static final AccessTable ACCESS = AccessTable.of(ApiDocuments.withDocumentRows(
            api("/actuator/health").allowsEveryone("GET HEAD"),
            api("/actuator/health/**").at("/actuator/health/liveness").allowsEveryone("GET HEAD"),
            api("/actuator/prometheus").allows("GET HEAD", OPS, METRICS_READ),
            api("/actuator").allows("GET HEAD", OPS),
            api("/actuator/info").allows("GET HEAD", OPS),
            api("/ops/v1/audit-events").at("/ops/v1/audit-events?objectId={id}").allows("GET HEAD", OPS),
            api("/api/v1/triage-decisions/{reportId}").allows("GET HEAD", CLINICIAN, TRIAGE_READ),
            api("/api/v1/ruleset").allows("GET HEAD", CLINICIAN, OPS, TRIAGE_READ),
            api("/fhir/DetectedIssue").at("/fhir/DetectedIssue?subject-report={id}")
                    .allows("GET HEAD", CLINICIAN, TRIAGE_READ),
            api("/fhir/DetectedIssue/{id}").allows("GET HEAD", CLINICIAN, TRIAGE_READ),
            api("/fhir/ServiceRequest").at("/fhir/ServiceRequest?subject-report={id}")
                    .allows("GET HEAD", CLINICIAN, TRIAGE_READ),
            api("/fhir/ServiceRequest/{id}").allows("GET HEAD", CLINICIAN, TRIAGE_READ),
            // CDS Hooks: a chain of its own taking EHR-signed JWTs only (clinic.triage.cds.security, CdsTokenTest)
            api("/cds-services").ownTokensOnly().allowsEveryone("GET HEAD"),
            api("/cds-services/heel-pain-triage").ownTokensOnly(),
            api("/cds-services/heel-pain-triage/feedback").ownTokensOnly(),
            // mapped by Spring Boot, open to nobody: the error page (rendered for other requests only), static
            // files and web jars (triage has none)
            api("/error"),
            api("/**").at("/ruleset.css"),
            api("/webjars/**")));

    private static final TestIssuer ISSUER = TestIssuer.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> PROTECTED = List.of("/api/v1/triage-decisions/" + UUID.randomUUID(),
            "/api/v1/ruleset", "/ops/v1/audit-events?objectId=" + UUID.randomUUID(), "/actuator/prometheus");

    @LocalServerPort
    int port;
    @Autowired
    Triage triage;
    @Autowired
    Environment environment;
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

    static Stream<Arguments> invalidTokens() {
        return Stream.of(
                Arguments.of("no token", null),
                Arguments.of("expired", ISSUER.expired("clinician-1")),
                Arguments.of("wrong issuer", ISSUER.wrongIssuer("clinician-1")),
                Arguments.of("wrong audience", ISSUER.wrongAudience("clinician-1")),
                Arguments.of("alg=none", ISSUER.unsigned("clinician-1")),
                Arguments.of("signed by another key", ISSUER.signedByAnotherKey("clinician-1")));
    }

    @ParameterizedTest(name = "{0} -> 401")
    @MethodSource("invalidTokens")
    void invalidOrMissingTokensAre401Problems(String why, String token) throws Exception {
        HttpResponse<String> response = get("/api/v1/triage-decisions/" + decidedReport(), token);

        assertThat(response.statusCode()).as(why).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
        assertThat(response.body()).contains("\"title\":\"Unauthorized\"", "\"status\":401")
                .doesNotContain("disposition", "Exception", "trace", "Jwt");
    }

    @Test
    void aPatientIsForbiddenEverywhere() throws Exception {
        String patient = ISSUER.patient("patient-1");
        for (String path : PROTECTED) {
            HttpResponse<String> response = get(path, patient);
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).as(path).contains("\"title\":\"Forbidden\"", "\"status\":403");
        }
    }

    @Test
    void aClinicianReadsDecisionsAndTheRulesetButNotOpsEndpoints() throws Exception {
        String clinician = ISSUER.clinician("clinician-1");
        assertThat(get("/api/v1/triage-decisions/" + decidedReport(), clinician).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/ruleset", clinician).statusCode()).isEqualTo(200);
        assertThat(get(PROTECTED.get(2), clinician).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", clinician).statusCode()).isEqualTo(403);
    }

    @Test
    void opsReadsTheRulesetMetricsAndAuditButNotDecisions() throws Exception {
        String ops = ISSUER.ops("ops-1");
        assertThat(get("/api/v1/ruleset", ops).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", ops).statusCode()).isEqualTo(200);
        assertThat(get(PROTECTED.get(2), ops).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/triage-decisions/" + decidedReport(), ops).statusCode()).isEqualTo(403);
    }

    @Test
    void aMachineClientNeedsTheTriageReadScope() throws Exception {
        String reader = ISSUER.client("clinic-integration", "reports:read", "triage:read");
        String other = ISSUER.client("clinic-integration", "reports:write", "reports:read");
        // the client's own report: a client reads only what it submitted (DecisionApiTest)
        UUID own = UUID.randomUUID();
        triage.decide(ReportEvents.incoming(own, Answers.plantarPicture().build(),
                SubmittedBy.client("clinic-integration")));
        String decision = "/api/v1/triage-decisions/" + own;

        assertThat(get(decision, reader).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/ruleset", reader).statusCode()).isEqualTo(200);
        assertThat(get(decision, other).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/ruleset", other).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", reader).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", ISSUER.client("scraper", "metrics:read")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void healthIsAnonymousButNothingElseIsAndAnUnknownPathIsRefused() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/info", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/ruleset", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/nothing-here", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/nothing-here", ISSUER.clinician("clinician-1")).statusCode()).isEqualTo(403);
    }

    @Test
    void errorBodiesRevealNoInternals() throws Exception {
        assertThat(environment.getProperty("server.error.include-stacktrace")).isEqualTo("never");
        assertThat(environment.getProperty("server.error.include-message")).isEqualTo("never");
        assertThat(environment.getProperty("server.error.include-exception")).isEqualTo("false");
        assertThat(environment.getProperty("server.error.include-binding-errors")).isEqualTo("never");
        String clinician = ISSUER.clinician("clinician-1");
        List<HttpResponse<String>> errors = List.of(
                get("/api/v1/triage-decisions/not-a-uuid", clinician),
                get("/api/v1/triage-decisions/" + UUID.randomUUID(), clinician),
                get("/error", clinician),
                // rejected by Spring Security's firewall before any filter: a problem of the firewall's handler
                get("/api/v1/triage-decisions/a;b", clinician),
                get("/api/v1/ruleset", "not.a.jwt"));
        for (HttpResponse<String> error : errors) {
            assertThat(error.statusCode()).as(error.uri().toString()).isGreaterThanOrEqualTo(400);
            assertThat(error.body()).as(error.uri().toString())
                    .doesNotContain("trace", "exception", "Exception", "\"message\"", "at clinic.");
        }
    }

    private UUID decidedReport() {
        UUID reportId = UUID.randomUUID();
        triage.decide(ReportEvents.incoming(reportId, Answers.plantarPicture().build()));
        return reportId;
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
