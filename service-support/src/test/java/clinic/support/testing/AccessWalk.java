package clinic.support.testing;

import org.springframework.http.HttpMethod;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Walks a running service over real HTTP: every row of its {@link AccessTable} x every method of
 * {@link AccessTable#METHODS} x every {@link Caller}, each answer compared with the table's cell. Bearer callers
 * get a token of the {@link TestIssuer}; page logins log in through the service's page login ({@link PageLogin})
 * and send their CSRF token with unsafe methods where they have one, so that a refusal is the route table's and
 * not the CSRF filter's.
 * <pre>
 * assertThat(AccessWalk.on(port, TABLE).differences()).isEmpty();
 * </pre>
 */
public final class AccessWalk {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final List<HttpMethod> UNSAFE = List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final int port;
    private final AccessTable table;
    private final String id = UUID.randomUUID().toString();

    private AccessWalk(int port, AccessTable table) {
        this.port = port;
        this.table = table;
    }

    public static AccessWalk on(int port, AccessTable table) {
        return new AccessWalk(port, table);
    }

    /** Every cell whose answer differs from the table, as "METHOD path as CALLER: expected X, got status (Y)". */
    public List<String> differences() {
        Map<Caller, Credentials> credentials = new EnumMap<>(Caller.class);
        table.callers().forEach(caller -> credentials.put(caller, credentialsOf(caller)));
        List<String> differences = new ArrayList<>();
        for (AccessTable.Row row : table.rows()) {
            String path = concrete(row.example());
            for (HttpMethod method : AccessTable.METHODS) {
                for (Caller caller : table.callers()) {
                    Outcome expected = row.expected(method, caller);
                    String cell = method + " " + path + " as " + caller;
                    try {
                        HttpResponse<InputStream> response = send(method, path, credentials.get(caller));
                        Outcome actual = Outcome.of(response);
                        if (!actual.satisfies(expected)) {
                            differences.add(cell + ": expected " + expected + ", got " + response.statusCode()
                                    + " (" + actual + ")");
                        }
                    } catch (IOException e) {
                        differences.add(cell + ": no answer (" + e.getClass().getSimpleName() + ")");
                    }
                }
            }
        }
        return differences;
    }

    private Credentials credentialsOf(Caller caller) {
        if (caller.hasBearerToken()) {
            return new Credentials("Authorization", TestIssuer.bearer(caller.bearerToken()), null);
        }
        if (caller.isPageLogin()) {
            AccessTable.PageLoginAt at = table.pageLogin().orElseThrow();
            PageLogin login = PageLogin.as(port, at.registration(), "walk-" + caller.name().toLowerCase(),
                    caller.role(), at.formPage());
            return new Credentials("Cookie", login.cookies(), login.csrfToken().orElse(null));
        }
        return new Credentials(null, null, null);
    }

    /** The request for a pattern: each variable a UUID (an object nobody has), each wildcard one segment. */
    private String concrete(String example) {
        return example.replaceAll("\\{\\*?[^}]+}", id).replace("**", "walk").replace("*", "walk");
    }

    private HttpResponse<InputStream> send(HttpMethod method, String path, Credentials credentials) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20)).method(method.name(), HttpRequest.BodyPublishers.noBody());
        if (credentials.header() != null) {
            request.header(credentials.header(), credentials.value());
        }
        if (credentials.csrfToken() != null && UNSAFE.contains(method)) {
            request.header("X-CSRF-TOKEN", credentials.csrfToken());
        }
        try {
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            // only the status counts; an event stream's body never ends, so none is read
            response.body().close();
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Credentials(String header, String value, String csrfToken) {
    }
}
