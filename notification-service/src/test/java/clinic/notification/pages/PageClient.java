package clinic.notification.pages;

import clinic.support.testing.PageLogin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser on the clinician pages over plain HTTP: signed in through the real page login at the test issuer (or
 * not at all), it sends the session cookie and, on posts, the session's CSRF token as the pages' forms do.
 * Redirects are not followed, so tests see them.
 */
public final class PageClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final String base;
    private final PageLogin login;

    private PageClient(int port, PageLogin login) {
        this.base = "http://localhost:" + port;
        this.login = login;
    }

    public static PageClient signedIn(int port, String subject, String role) {
        return new PageClient(port, PageLogin.as(port, "clinic", subject, role, "/"));
    }

    static PageClient anonymous(int port) {
        return new PageClient(port, null);
    }

    /** The same browser on another instance of the service: its session cookie and CSRF token go along. */
    public PageClient on(int port) {
        return new PageClient(port, login);
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form post with the session's CSRF token, as the pages' own forms send it. */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", login.csrfToken().orElseThrow());
        return postWithoutCsrf(path, all);
    }

    /** A form post without the CSRF token, as a forged cross-site request would send it. */
    HttpResponse<String> postWithoutCsrf(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(field -> field.getKey() + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A long-lived response (the alert feed), its body left for the caller to read and close. */
    HttpResponse<InputStream> stream(String path) {
        return send(request(path).setHeader("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html");
        if (login != null) {
            request.header("Cookie", login.cookies());
        }
        return request;
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
