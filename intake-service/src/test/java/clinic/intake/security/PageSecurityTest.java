package clinic.intake.security;

import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.Tables;
import clinic.intake.TestReports;
import clinic.intake.report.FormBodies;
import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup;

/**
 * The patient pages' login and browser protections: authorization-code login with PKCE at the issuer,
 * PATIENT only, own reports only, CSRF on the form, and the security headers.
 */
@IntakeServiceTest
class PageSecurityTest {

    /** Spring Session's cookie, holding the id of the login session in the database. */
    static final String SESSION_COOKIE = "SESSION";

    @LocalServerPort
    int port;

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = webAppContextSetup(context).apply(springSecurity()).build();
    }

    @Test
    void aVisitorWhoIsNotLoggedInIsSentToTheClinicLogin() throws Exception {
        for (String path : List.of("/", "/reports/" + UUID.randomUUID())) {
            MockHttpServletResponse response = perform(get(path).accept(MediaType.TEXT_HTML));

            assertThat(response.getStatus()).as(path).isEqualTo(302);
            assertThat(response.getRedirectedUrl()).as(path).endsWith("/oauth2/authorization/clinic");
        }
    }

    @Test
    void anonymousVisitsCreateNoServerSession() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long sessionsBefore = sessions();
        for (int visit = 0; visit < 20; visit++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/")).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().allValues("Set-Cookie")).as("visit %d", visit)
                    .noneMatch(cookie -> cookie.startsWith(SESSION_COOKIE + "=") || cookie.startsWith("JSESSIONID="));
        }
        assertThat(sessions()).as("session rows").isEqualTo(sessionsBefore);
    }

    @Test
    void theLoginSessionCookieIsSameSiteLaxAndHttpOnly() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/oauth2/authorization/clinic")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith(SESSION_COOKIE + "=").containsIgnoringCase("SameSite=Lax").contains("HttpOnly"));
    }

    @Test
    void theLoginGoesToTheIssuersAuthorizeEndpointWithPkceS256() throws Exception {
        MockHttpServletResponse response = perform(get("/oauth2/authorization/clinic"));

        assertThat(response.getStatus()).isEqualTo(302);
        String location = response.getRedirectedUrl();
        assertThat(location).startsWith(TestIssuer.get().authorizationUri() + "?");
        Map<String, List<String>> query = UriComponentsBuilder.fromUriString(location).build().getQueryParams();
        assertThat(query.get("response_type")).containsExactly("code");
        assertThat(query.get("client_id")).containsExactly("clinic-web");
        assertThat(query.get("scope")).containsExactly("openid");
        assertThat(query.get("code_challenge_method")).containsExactly("S256");
        assertThat(query.get("code_challenge").get(0)).matches("[A-Za-z0-9_-]{43}");
        assertThat(query.get("redirect_uri").get(0)).endsWith("/login/oauth2/code/clinic")
                .doesNotContain("client_secret");
        assertThat(query.get("state")).isNotEmpty();
        assertThat(query.get("nonce")).as("OIDC nonce against ID token replay").isNotEmpty();
    }

    @Test
    void onlyPatientsMayUseThePages() throws Exception {
        for (String role : List.of("CLINICIAN", "OPS")) {
            assertThat(perform(get("/").with(login("staff", role))).getStatus()).as(role).isEqualTo(403);
            assertThat(perform(formPost().with(login("staff", role)).with(csrf())).getStatus()).as(role)
                    .isEqualTo(403);
        }
        assertThat(perform(get("/").with(login("patient-p", "PATIENT"))).getStatus()).isEqualTo(200);
    }

    @Test
    void theFormCarriesOneCsrfTokenAndAPostWithoutItIsRefusedAndStoresNothing() throws Exception {
        String form = content(perform(get("/").with(login("patient-c", "PATIENT"))));
        Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"_csrf\" value=\"[^\"]+\"").matcher(form);
        assertThat(hidden.find()).as("hidden _csrf field").isTrue();
        assertThat(hidden.find()).as("only one").isFalse();
        long before = new Tables(jdbc).reports();

        MockHttpServletResponse withoutToken = perform(formPost().with(login("patient-c", "PATIENT")));
        assertThat(withoutToken.getStatus()).isEqualTo(403);
        MockHttpServletResponse withBadToken = perform(formPost().with(login("patient-c", "PATIENT"))
                .with(csrf().useInvalidToken()));
        assertThat(withBadToken.getStatus()).isEqualTo(403);
        assertThat(new Tables(jdbc).reports()).isEqualTo(before);

        MockHttpServletResponse withToken = perform(formPost().with(login("patient-c", "PATIENT")).with(csrf()));
        assertThat(withToken.getStatus()).isEqualTo(303);
        assertThat(withToken.getRedirectedUrl()).matches("/reports/[0-9a-f-]{36}");
        String reportId = withToken.getRedirectedUrl().substring("/reports/".length());
        assertThat(jdbc.queryForObject("select owner_subject from symptom_report where id = ?", String.class,
                UUID.fromString(reportId))).as("owner = the ID token's sub").isEqualTo("patient-c");
        assertThat(perform(get(withToken.getRedirectedUrl()).with(login("patient-c", "PATIENT"))).getStatus())
                .isEqualTo(200);
    }

    @Test
    void anotherPatientsStatusPageIsTheSame404PageAsAnUnknownOne() throws Exception {
        IntakeHttp api = new IntakeHttp(port);
        HttpResponse<String> accepted = api.submit(TestReports.validJson());
        String reportId = IntakeHttp.json(accepted).get("reportId").asString();

        MockHttpServletResponse someoneElses = perform(get("/reports/" + reportId).with(login("intruder", "PATIENT")));
        MockHttpServletResponse unknown = perform(get("/reports/" + UUID.randomUUID()).with(login("intruder", "PATIENT")));

        assertThat(someoneElses.getStatus()).isEqualTo(404);
        assertThat(content(someoneElses)).contains("<h1>Page not found</h1>").isEqualTo(content(unknown));
        assertThat(perform(get("/reports/" + reportId).with(login(api.patientSubject(), "PATIENT"))).getStatus())
                .isEqualTo(200);
    }

    @Test
    void pagesCarryTheSecurityHeaders() throws Exception {
        for (MockHttpServletResponse page : List.of(perform(get("/").with(login("patient-h", "PATIENT"))),
                perform(get("/reports/" + UUID.randomUUID()).with(login("patient-h", "PATIENT"))))) {
            assertThat(page.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'",
                    "default-src 'none'", "form-action 'self'");
            assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(page.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(page.getHeader("Cache-Control")).contains("no-store");
            assertThat(page.getHeader("X-Frame-Options")).isEqualTo("DENY");
        }
    }

    /** The login sessions in the database (Spring Session JDBC), shared by every instance. */
    private long sessions() {
        return jdbc.queryForObject("select count(*) from spring_session", Long.class);
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private static MockHttpServletRequestBuilder formPost() {
        return post("/reports").contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.TEXT_HTML)
                .content(FormBodies.valid());
    }

    private static RequestPostProcessor login(String subject, String role) {
        return oidcLogin().idToken(token -> token.subject(subject).claim("roles", List.of(role)))
                .authorities(new SimpleGrantedAuthority("ROLE_" + role));
    }

    private static String content(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }
}
