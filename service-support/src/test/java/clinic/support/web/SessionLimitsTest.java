package clinic.support.web;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.Context;
import org.apache.catalina.session.ManagerBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, finding 7: 200 anonymous requests made 200 server sessions, without any ceiling. Past the
 * ceiling a new session is refused with a 503 problem, while requests that need no session carry on: with
 * Tomcat's sessions per instance, with Spring Session's JDBC store (issue 13) for all instances together.
 */
class SessionLimitsTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private ConfigurableApplicationContext app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void pastTheCeilingANewSessionIsA503ProblemAndEverythingElseCarriesOn() throws Exception {
        app = new SpringApplicationBuilder(SessionApp.class)
                .properties("server.port=0", "server.address=127.0.0.1", "clinic.web.sessions.max-active=3")
                .run();
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();

        for (int i = 0; i < 3; i++) {
            assertThat(get(port, "/session").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = get(port, "/session");

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains(SessionLimitFilter.RETRY_AFTER_SECONDS);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"status\":503").doesNotContain("Exception", "at org.");
        assertThat(get(port, "/no-session").statusCode()).isEqualTo(200);
    }

    @Test
    void theDefaultCeilingIsTenThousandSessionsPerInstance() throws Exception {
        app = new SpringApplicationBuilder(SessionApp.class)
                .properties("server.port=0", "server.address=127.0.0.1").run();
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();

        for (int i = 0; i < 50; i++) {
            assertThat(get(port, "/session").statusCode()).isEqualTo(200);
        }
        TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) app).getWebServer();
        Context context = (Context) server.getTomcat().getHost().findChildren()[0];
        assertThat(((ManagerBase) context.getManager()).getMaxActiveSessions()).isEqualTo(10_000);
    }

    @Test
    void withSessionsInASharedJdbcStoreTheCeilingCountsTheSessionsOfEveryInstance() throws Exception {
        String database = "jdbc:h2:mem:sessions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        createSpringSessionTables(database);
        app = jdbcSessionApp(database);
        try (ConfigurableApplicationContext other = jdbcSessionApp(database)) {
            int first = port(app);
            int second = port(other);

            assertThat(get(first, "/session").statusCode()).isEqualTo(200);
            assertThat(get(second, "/session").statusCode()).isEqualTo(200);
            assertThat(get(first, "/session").statusCode()).isEqualTo(200);
            HttpResponse<String> refused = get(second, "/session");

            assertThat(refused.statusCode()).as("the fourth session of the store, the second of this instance")
                    .isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains(SessionLimitFilter.RETRY_AFTER_SECONDS);
            assertThat(refused.body()).contains("\"status\":503").doesNotContain("Exception", "at org.");
            assertThat(get(first, "/session").statusCode()).isEqualTo(503);
            assertThat(get(second, "/no-session").statusCode()).isEqualTo(200);
            assertThat(new JdbcTemplate(new DriverManagerDataSource(database, "sa", ""))
                    .queryForObject("select count(*) from spring_session", Long.class)).isEqualTo(3);
        }
    }

    private static ConfigurableApplicationContext jdbcSessionApp(String database) {
        return new SpringApplicationBuilder(JdbcSessionApp.class)
                .properties("server.port=0", "server.address=127.0.0.1", "clinic.web.sessions.max-active=3",
                        // every new session counts the store again: the ceiling is exact here
                        "clinic.web.sessions.recount-interval=0s",
                        "spring.datasource.url=" + database, "spring.session.jdbc.initialize-schema=never")
                .run();
    }

    private static void createSpringSessionTables(String database) {
        new ResourceDatabasePopulator(new ClassPathResource("org/springframework/session/jdbc/schema-h2.sql"))
                .execute(new DriverManagerDataSource(database, "sa", ""));
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, SessionLimitsAutoConfiguration.class})
    @Import(SessionController.class)
    static class SessionApp {
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, DataSourceAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class, JdbcSessionAutoConfiguration.class,
            SessionAutoConfiguration.class, SessionLimitsAutoConfiguration.class})
    @Import(SessionController.class)
    static class JdbcSessionApp {
    }

    @RestController
    static class SessionController {

        @GetMapping("/session")
        String session(HttpServletRequest request) {
            return request.getSession(true).getId().isEmpty() ? "none" : "ok";
        }

        @GetMapping("/no-session")
        String noSession() {
            return "ok";
        }
    }
}
