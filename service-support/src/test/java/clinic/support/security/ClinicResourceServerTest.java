package clinic.support.security;

import clinic.support.securedapi.Http;
import clinic.support.securedapi.SecuredApiTest;
import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service made a resource server with {@link ClinicResourceServer}, over real HTTP with tokens from the test
 * issuer: every refused token a 401, every missing authority a 403, both problem+json that say nothing
 * internal; no session, no CSRF token needed; firewall refusals a 400 problem.
 */
@SecuredApiTest
class ClinicResourceServerTest {

    static final TestIssuer ISSUER = TestIssuer.get();
    static final String RECORD = "/api/v1/records/" + UUID.randomUUID();

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port, null);
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of("no token", null),
                Arguments.of("not a JWT", "not.a.jwt"),
                Arguments.of("expired", ISSUER.expired("dr-x")),
                Arguments.of("wrong issuer", ISSUER.wrongIssuer("dr-x")),
                Arguments.of("wrong audience", ISSUER.wrongAudience("dr-x")),
                Arguments.of("alg=none", ISSUER.unsigned("dr-x")),
                Arguments.of("signed by another key", ISSUER.signedByAnotherKey("dr-x")),
                Arguments.of("without an expiry", ISSUER.withoutExpiry("dr-x")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aRefusedTokenIsAnUnauthorizedProblemThatSaysNothingInternal(String kind, String token) {
        HttpResponse<String> response = http.as(token).get(RECORD);

        assertThat(response.statusCode()).as(kind).isEqualTo(401);
        // the error code only: never which check failed ("Invalid signature", "Jwt expired at ...")
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(kind)
                .hasValue(token == null ? "Bearer" : "Bearer error=\"invalid_token\"");
        assertProblem(response, 401, "Unauthorized");
        assertThat(response.body()).doesNotContainIgnoringCase("jwt").doesNotContain("signature");
    }

    @Test
    void aMissingTokenAndABadOneAreToldApart() {
        assertThat(http.get(RECORD).body()).contains("\"detail\":\"A bearer token is required.\"");
        assertThat(http.as(ISSUER.expired("dr-x")).get(RECORD).body())
                .contains("\"detail\":\"The bearer token is not valid.\"");
    }

    @Test
    void aTokenWithoutTheAuthorityIsAForbiddenProblemSayingWhyInTheStandardHeader() {
        HttpResponse<String> response = http.as(ISSUER.ops("ops-1")).get(RECORD);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"insufficient_scope\"");
        assertProblem(response, 403, "Forbidden");
        assertThat(response.body()).contains("\"detail\":\"The token does not allow this request.\"");
    }

    @Test
    void rolesAndScopesOfTheTokenAreWhatTheRoutesAsk() {
        assertThat(http.as(ISSUER.clinician("dr-1")).get(RECORD).statusCode()).isEqualTo(404);
        assertThat(http.as(ISSUER.client("integration", "records:read")).get(RECORD).statusCode()).isEqualTo(404);
        assertThat(http.as(ISSUER.client("integration", "records:write")).get(RECORD).statusCode()).isEqualTo(403);
        // a path the route table does not list is refused, not looked up
        assertThat(http.as(ISSUER.clinician("dr-1")).get("/nothing-here").statusCode()).isEqualTo(403);
        assertThat(http.get("/nothing-here").statusCode()).isEqualTo(401);
    }

    @Test
    void onlyAnArrayOfExactRoleNamesGrantsARole() {
        assertThat(http.as(ISSUER.withRolesClaim("dr-1", List.of("CLINICIAN"))).get(RECORD).statusCode()).isEqualTo(404);
        assertThat(http.as(ISSUER.withRolesClaim("dr-1", "CLINICIAN")).get(RECORD).statusCode())
                .as("a plain string").isEqualTo(403);
        assertThat(http.as(ISSUER.withRolesClaim("dr-1", List.of(" CLINICIAN", "CLINICIAN "))).get(RECORD)
                .statusCode()).as("padded names").isEqualTo(403);
    }

    @Test
    void aPostWithABearerTokenNeedsNoCsrfTokenAndNoRequestStartsASession() {
        HttpResponse<String> created = http.as(ISSUER.patient("p-1")).send("POST", "/api/v1/records");
        HttpResponse<String> refused = http.get(RECORD);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Set-Cookie")).as("no saved request, no session").isEmpty();
    }

    @Test
    void aRequestTheFirewallRefusesIsABadRequestProblem() {
        HttpResponse<String> response = http.as(ISSUER.clinician("dr-1")).get("/api/v1/records/a;b");

        assertThat(response.statusCode()).isEqualTo(400);
        assertProblem(response, 400, "Bad Request");
        assertThat(response.body()).contains("\"detail\":\"The request address is not acceptable.\"");
    }

    @Test
    void healthNeedsNoToken() {
        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
    }

    static void assertProblem(HttpResponse<String> response, int status, String title) {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).startsWith("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":"
                + status + ",\"detail\":\"").doesNotContain("Exception", "trace", "at org.");
    }
}
