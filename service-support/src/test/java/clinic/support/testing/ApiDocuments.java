package clinic.support.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static clinic.support.testing.AccessTable.api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running service's API document and Swagger UI as an anonymous browser sees them (no token, real HTTP), for
 * each service's {@code ApiDocumentsTest}: what every clinic document must say about logging in.
 */
public final class ApiDocuments {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public ApiDocuments(int port) {
        this.base = "http://localhost:" + port;
    }

    public HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code /v3/api-docs} without a token: 200, an OpenAPI 3 document in JSON. */
    public JsonNode document() {
        HttpResponse<String> response = get("/v3/api-docs");
        assertThat(response.statusCode()).as("/v3/api-docs without a token").isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode document = JsonMapper.shared().readTree(response.body());
        assertThat(document.path("openapi").asString()).startsWith("3.");
        return document;
    }

    /**
     * The document's {@code oauth2} scheme logs people in with an authorization code at this issuer and machine
     * clients with client credentials, and {@code bearer} takes a JWT; either is required by every operation.
     */
    public static void assertLoginsAt(JsonNode document, String issuer) {
        JsonNode schemes = document.path("components").path("securitySchemes");
        JsonNode oauth2 = schemes.path("oauth2");
        assertThat(oauth2.path("type").asString()).isEqualTo("oauth2");
        JsonNode code = oauth2.path("flows").path("authorizationCode");
        assertThat(code.path("authorizationUrl").asString()).startsWith(issuer + "/");
        assertThat(code.path("tokenUrl").asString()).startsWith(issuer + "/");
        assertThat(code.path("scopes").has("openid")).isTrue();
        JsonNode clients = oauth2.path("flows").path("clientCredentials");
        assertThat(clients.path("tokenUrl").asString()).isEqualTo(code.path("tokenUrl").asString());
        assertThat(clients.path("scopes").size()).as("the service's scopes").isPositive();
        JsonNode bearer = schemes.path("bearer");
        assertThat(bearer.path("type").asString()).isEqualTo("http");
        assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");
        assertThat(bearer.path("bearerFormat").asString()).isEqualTo("JWT");
        List<String> required = new ArrayList<>();
        document.path("security").forEach(requirement -> required.addAll(requirement.propertyNames()));
        assertThat(required).containsExactlyInAnyOrder("oauth2", "bearer");
    }

    /** The Swagger UI's page, its script and its login's redirect page, without a token, under a strict policy. */
    public void assertSwaggerUiIsPublic(String issuer) {
        for (String path : List.of("/swagger-ui/index.html", "/swagger-ui/swagger-initializer.js",
                "/swagger-ui/oauth2-redirect.html", "/v3/api-docs/swagger-config")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path + " without a token").isEqualTo(200);
            String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(policy).as(path).contains("script-src 'self';", "connect-src 'self' " + issuer + ";")
                    .doesNotContain("unsafe-eval");
        }
        // the login's settings are written into the initializer script (springdoc's index page transformer)
        assertThat(get("/swagger-ui/swagger-initializer.js").body())
                .contains("clinic-api-docs", "usePkceWithAuthorizationCodeGrant");
    }

    /**
     * A service's access table rows with those of the API documents in front: the document and the Swagger UI
     * are everyone's (GET and HEAD; any other method refused as on the API), the Swagger UI's web jar under
     * {@code /webjars} (springdoc maps it too) nobody's: the Swagger UI is served under {@code /swagger-ui}.
     */
    public static AccessTable.Row[] withDocumentRows(AccessTable.Row... own) {
        String version = swaggerUiVersion();
        Stream<AccessTable.Row> documents = Stream.of(
                api("/v3/api-docs").allowsEveryone("GET HEAD"),
                api("/v3/api-docs.yaml").allowsEveryone("GET HEAD"),
                api("/v3/api-docs/swagger-config").allowsEveryone("GET HEAD"),
                api("/swagger-ui.html").allowsEveryone("GET HEAD"),
                api("/swagger-ui/**").at("/swagger-ui/swagger-ui.css").allowsEveryone("GET HEAD"),
                api("/swagger-ui/*index.html").at("/swagger-ui/index.html").allowsEveryone("GET HEAD"),
                api("/swagger-ui/*swagger-initializer.js").at("/swagger-ui/swagger-initializer.js")
                        .allowsEveryone("GET HEAD"),
                api("/webjars/*swagger-ui/**").at("/webjars/swagger-ui/swagger-ui.css"),
                api("/webjars/*swagger-ui/*index.html").at("/webjars/swagger-ui/index.html"),
                api("/webjars/*swagger-ui/*swagger-initializer.js").at("/webjars/swagger-ui/swagger-initializer.js"),
                api("/webjars/*swagger-ui/" + version + "/*index.html")
                        .at("/webjars/swagger-ui/" + version + "/index.html"),
                api("/webjars/*swagger-ui/" + version + "/*swagger-initializer.js")
                        .at("/webjars/swagger-ui/" + version + "/swagger-initializer.js"));
        return Stream.concat(documents, Stream.of(own)).toArray(AccessTable.Row[]::new);
    }

    /** The Swagger UI web jar's version, which springdoc puts in some of the routes it maps. */
    static String swaggerUiVersion() {
        try (InputStream in = ApiDocuments.class.getResourceAsStream(
                "/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("No Swagger UI web jar on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The paths of a document, for checks of what it lists and leaves out. */
    public static List<String> paths(JsonNode document) {
        return List.copyOf(document.path("paths").propertyNames());
    }
}
