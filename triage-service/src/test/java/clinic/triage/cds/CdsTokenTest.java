package clinic.triage.cds;

import clinic.support.testing.TestIssuer;
import clinic.triage.testing.EhrIssuer;
import clinic.triage.testing.TriageServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** CDS Hooks 2.0's trust in EHRs: only a fresh, unused JWT of a trusted EHR, for this very endpoint, gets in. */
@TriageServiceTest
class CdsTokenTest {

    @Autowired
    MockMvc mvc;

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of("no token", null),
                Arguments.of("not a JWT", "not.a.jwt"),
                Arguments.of("untrusted issuer", EhrIssuer.UNTRUSTED.token()),
                Arguments.of("wrong aud: another endpoint", EhrIssuer.A.withAudience(EhrIssuer.PUBLIC_BASE_URL
                        + "/cds-services/other-service")),
                Arguments.of("wrong aud: another host", EhrIssuer.A.withAudience(
                        "https://evil.example/cds-services/heel-pain-triage")),
                Arguments.of("wrong aud: the API's", EhrIssuer.A.withAudience("triage-service")),
                Arguments.of("expired", EhrIssuer.A.expired()),
                Arguments.of("lives an hour", EhrIssuer.A.longLived()),
                Arguments.of("issued in the future", EhrIssuer.A.token(claims -> claims
                        .issueTime(Date.from(Instant.now().plus(Duration.ofMinutes(3)))))),
                Arguments.of("no exp", EhrIssuer.A.token(claims -> claims.expirationTime(null))),
                Arguments.of("no iat", EhrIssuer.A.token(claims -> claims.issueTime(null))),
                Arguments.of("no jti", EhrIssuer.A.withoutJti()),
                Arguments.of("no kid", EhrIssuer.A.withoutKid()),
                Arguments.of("signed by another key", EhrIssuer.A.signedByAnotherKey()),
                Arguments.of("A's issuer, B's key", EhrIssuer.B.token(claims -> claims.issuer(EhrIssuer.A.issuer()))),
                Arguments.of("a clinic clinician token", TestIssuer.get().clinician("clinician-cds")),
                Arguments.of("a clinic machine token", TestIssuer.get().client("clinic-integration", "triage:read")));
    }

    @ParameterizedTest(name = "{0} -> 401")
    @MethodSource("refusedTokens")
    void refusesTheServiceAndItsFeedback(String why, String token) throws Exception {
        for (String path : new String[] {CdsPaths.SERVICE, CdsPaths.FEEDBACK}) {
            MvcResult result = send(path, token);

            assertThat(result.getResponse().getStatus()).as(why + " at " + path).isEqualTo(401);
            assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
            assertThat(result.getResponse().getHeader("WWW-Authenticate")).startsWith("Bearer");
            assertThat(result.getResponse().getContentAsString()).doesNotContain("aud", "jti", "expired", "kid");
        }
    }

    @Test
    void aTokenIsAcceptedOnceAndItsReplayRefused() throws Exception {
        String token = EhrIssuer.A.token();

        assertThat(send(CdsPaths.SERVICE, token).getResponse().getStatus()).isEqualTo(200);
        assertThat(send(CdsPaths.SERVICE, token).getResponse().getStatus()).as("replayed").isEqualTo(401);
        assertThat(send(CdsPaths.FEEDBACK, token).getResponse().getStatus()).as("replayed at feedback")
                .isEqualTo(401);
    }

    @Test
    void discoveryIgnoresAnyTokenAndSpendsNoJti() throws Exception {
        String token = EhrIssuer.A.token();
        for (String anyToken : new String[] {token, "not.a.jwt", TestIssuer.get().clinician("clinician-cds")}) {
            assertThat(mvc.perform(get(CdsPaths.SERVICES).header(AUTHORIZATION, "Bearer " + anyToken)).andReturn()
                    .getResponse().getStatus()).isEqualTo(200);
        }

        assertThat(send(CdsPaths.SERVICE, token).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void aMisdirectedTokenDoesNotUseUpItsJti() throws Exception {
        String jti = UUID.randomUUID().toString();
        String misdirected = EhrIssuer.A.token(claims -> claims.jwtID(jti).audience("https://elsewhere.example/x"));
        String proper = EhrIssuer.A.token(claims -> claims.jwtID(jti));

        assertThat(send(CdsPaths.SERVICE, misdirected).getResponse().getStatus()).isEqualTo(401);
        assertThat(send(CdsPaths.SERVICE, proper).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void eachTrustedEhrIsCheckedAgainstItsOwnKeys() throws Exception {
        assertThat(send(CdsPaths.SERVICE, EhrIssuer.A.token()).getResponse().getStatus()).isEqualTo(200);
        assertThat(send(CdsPaths.SERVICE, EhrIssuer.B.token()).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void anEhrTokenOpensNothingOfTheClinicApi() throws Exception {
        MvcResult result = mvc.perform(get("/api/v1/ruleset")
                .header(AUTHORIZATION, "Bearer " + EhrIssuer.A.token())).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(401);
    }

    private MvcResult send(String path, String token) throws Exception {
        String body = path.equals(CdsPaths.SERVICE)
                ? CdsRequests.inContext(CdsRequests.json(CdsRequests.questionnaireResponse(
                        Vignettes.first("SELF_CARE").answers())))
                : "{\"feedback\": []}";
        var request = post(path).contentType(MediaType.APPLICATION_JSON).content(body);
        if (token != null) {
            request.header(AUTHORIZATION, "Bearer " + token);
        }
        return mvc.perform(request).andReturn();
    }
}
