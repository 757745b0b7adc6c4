package clinic.support.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's session on a service's pages, logged in over real HTTP through the service's own OIDC login
 * ({@code /oauth2/authorization/<registration>}) against the {@link TestIssuer}: the cookies to send, and the
 * CSRF token of the session when a page of it shows one (a form's hidden {@code _csrf} field).
 */
public record PageLogin(String cookies, Optional<String> csrfToken) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String LOGIN_START = "/oauth2/authorization/";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /**
     * Logs in as {@code sub} with one clinic role, then reads the session's CSRF token from {@code formPage}
     * (absent when that page is not the role's to see).
     */
    public static PageLogin as(int port, String registration, String sub, String role, String formPage) {
        return as(port, registration, sub, Map.of(), role, formPage);
    }

    /** {@link #as(int, String, String, String, String)} with more claims in the ID token (a verified email). */
    public static PageLogin as(int port, String registration, String sub, Map<String, Object> claims, String role,
                               String formPage) {
        String base = "http://localhost:" + port;
        Map<String, String> jar = new LinkedHashMap<>();
        HttpResponse<String> start = send(URI.create(base + LOGIN_START + registration), jar);
        URI authorize = URI.create(location(start));
        HttpResponse<String> callback = send(TestIssuer.get().approve(authorize, sub, claims, role), jar);
        if (callback.statusCode() != 302 || location(callback).contains("error")) {
            throw new IllegalStateException("The page login failed: " + callback.statusCode() + " "
                    + callback.headers().firstValue("Location").orElse(""));
        }
        HttpResponse<String> form = send(URI.create(base + formPage), jar);
        Matcher field = CSRF_FIELD.matcher(form.statusCode() == 200 ? form.body() : "");
        return new PageLogin(cookieHeader(jar), field.find() ? Optional.of(field.group(1)) : Optional.empty());
    }

    /** Where a page chain sends a visitor who is not logged in: the start of the OIDC login. */
    static boolean isLoginRedirect(String location) {
        return location.contains(LOGIN_START);
    }

    private static HttpResponse<String> send(URI uri, Map<String, String> jar) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .header("Accept", "text/html");
        if (!jar.isEmpty()) {
            request.header("Cookie", cookieHeader(jar));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            keepCookies(response.headers().allValues("Set-Cookie"), jar);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every cookie the service sets, by name, whatever it calls its session cookie and attributes it gives. */
    private static void keepCookies(List<String> setCookies, Map<String, String> jar) {
        for (String setCookie : setCookies) {
            String pair = setCookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals > 0) {
                jar.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
        }
    }

    private static String cookieHeader(Map<String, String> jar) {
        return jar.entrySet().stream().map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                "Expected a redirect, got " + response.statusCode() + " from " + response.uri()));
    }
}
