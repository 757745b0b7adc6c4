package clinic.support.web;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.Context;
import org.apache.catalina.session.ManagerBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, finding 7: 200 anonymous requests made 200 server sessions, without any ceiling. Past the
 * ceiling a new session is refused with a 503 problem, while requests that need no session carry on.
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
