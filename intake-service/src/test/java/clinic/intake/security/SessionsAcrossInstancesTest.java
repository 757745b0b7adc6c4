package clinic.intake.security;

import clinic.intake.IntakeApplication;
import clinic.intake.report.FormBodies;
import clinic.support.testing.TestIssuer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: Kubernetes runs several intake instances behind one address, and a browser's requests land on any of
 * them. Two intake instances here share one PostgreSQL (as in production) and one issuer: a login started on one
 * is completed on the other, the form loaded from one is posted to the other, and the status page is on the
 * first. With each instance keeping its sessions in memory, the callback on the second finds no login in
 * progress, and a post there finds neither the login nor the CSRF token. The session ceiling counts the
 * sessions of both instances.
 */
// A property of its own: the default (spring.kafka.bootstrap-servers, a system property) would repoint the
// shared test context at this broker, which is gone after this class.
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "clinic.test.sessions.brokers")
class SessionsAcrossInstancesTest {

    private static final int MAX_ACTIVE_SESSIONS = 2;
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstancesOnOneDatabase(EmbeddedKafkaBroker broker) throws IOException {
        postgres = EmbeddedPostgres.start();
        first = start(broker);
        second = start(broker);
    }

    @AfterAll
    static void stop() throws IOException {
        for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {second, first}) {
            if (instance != null) {
                instance.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void noSessionsYet() {
        jdbc().update("delete from spring_session");
    }

    @Test
    void aLoginStartedOnOneInstanceAndAFormPostedToAnotherMakeOneReport() {
        Browser browser = new Browser();
        HttpResponse<String> start = browser.send(get(first, "/oauth2/authorization/clinic"));
        assertThat(start.statusCode()).isEqualTo(302);
        // the cookie's name is PageSecurityTest's business; whatever it is, it keeps its attributes
        assertThat(start.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .containsIgnoringCase("SameSite=Lax").contains("HttpOnly"));
        URI callbackToFirst = TestIssuer.get().approve(URI.create(location(start)), "patient-across", "PATIENT");

        HttpResponse<String> callback = browser.send(HttpRequest.newBuilder(on(second, callbackToFirst)));
        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(location(callback)).as("the login completed on the other instance").doesNotContain("error");

        HttpResponse<String> form = browser.send(get(first, "/"));
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher csrf = CSRF_FIELD.matcher(form.body());
        assertThat(csrf.find()).as("the form's CSRF token").isTrue();

        HttpResponse<String> posted = browser.send(HttpRequest.newBuilder(uri(second, "/reports"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FormBodies.valid() + "&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))));
        assertThat(posted.statusCode()).as("the form posted to the other instance").isEqualTo(303);
        String statusPage = URI.create(location(posted)).getPath();
        assertThat(statusPage).matches("/reports/[0-9a-f-]{36}");

        HttpResponse<String> status = browser.send(get(first, statusPage));
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("We have received your report");
        assertThat(jdbc().queryForObject("select owner_subject from symptom_report where id = ?::uuid", String.class,
                statusPage.substring("/reports/".length()))).isEqualTo("patient-across");
        assertThat(jdbc().queryForObject("select count(*) from spring_session", Long.class))
                .as("one login, one session").isEqualTo(1);
    }

    @Test
    void theSessionCeilingCountsTheLoginsInProgressOnEveryInstance() {
        assertThat(new Browser().send(get(first, "/oauth2/authorization/clinic")).statusCode()).isEqualTo(302);
        assertThat(new Browser().send(get(second, "/oauth2/authorization/clinic")).statusCode()).isEqualTo(302);

        HttpResponse<String> oneTooMany = new Browser().send(get(first, "/oauth2/authorization/clinic"));

        assertThat(oneTooMany.statusCode()).as("the third login flow, the second on this instance").isEqualTo(503);
        assertThat(oneTooMany.headers().firstValue("Retry-After")).isPresent();
        assertThat(oneTooMany.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(jdbc().queryForObject("select count(*) from spring_session", Long.class))
                .isEqualTo(MAX_ACTIVE_SESSIONS);
    }

    private static ConfigurableApplicationContext start(EmbeddedKafkaBroker broker) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.security.oauth2.client.provider.clinic.issuer-uri=" + TestIssuer.get().issuerUri(),
                "--clinic.web.sessions.max-active=" + MAX_ACTIVE_SESSIONS,
                // every login start counts the sessions again: the ceiling is exact here
                "--clinic.web.sessions.recount-interval=0s"));
        TestIssuer.get().resourceServerProperties().forEach(property -> arguments.add("--" + property));
        return IntakeApplication.application().run(arguments.toArray(String[]::new));
    }

    private static JdbcTemplate jdbc() {
        return first.getBean(JdbcTemplate.class);
    }

    private static HttpRequest.Builder get(ConfigurableApplicationContext instance, String path) {
        return HttpRequest.newBuilder(uri(instance, path)).header("Accept", "text/html");
    }

    private static URI uri(ConfigurableApplicationContext instance, String path) {
        return URI.create("http://localhost:" + port(instance) + path);
    }

    /** The same address on another instance: what a load balancer does to the issuer's redirect back. */
    private static URI on(ConfigurableApplicationContext instance, URI address) {
        return URI.create("http://localhost:" + port(instance) + address.getRawPath() + "?" + address.getRawQuery());
    }

    private static int port(ConfigurableApplicationContext instance) {
        return Integer.parseInt(instance.getEnvironment().getProperty("local.server.port"));
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "Expected a redirect, got " + response.statusCode() + " from " + response.uri()));
    }

    /** One browser's cookies, sent to whichever instance a request goes to. */
    private static final class Browser {

        private final Map<String, String> cookies = new LinkedHashMap<>();

        HttpResponse<String> send(HttpRequest.Builder request) {
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies.entrySet().stream()
                        .map(cookie -> cookie.getKey() + "=" + cookie.getValue()).collect(Collectors.joining("; ")));
            }
            try {
                HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                for (String setCookie : response.headers().allValues("Set-Cookie")) {
                    String pair = setCookie.split(";", 2)[0];
                    int equals = pair.indexOf('=');
                    String value = pair.substring(equals + 1).trim();
                    if (value.isEmpty()) {
                        cookies.remove(pair.substring(0, equals).trim());
                    } else {
                        cookies.put(pair.substring(0, equals).trim(), value);
                    }
                }
                return response;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
