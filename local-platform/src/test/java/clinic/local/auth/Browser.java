package clinic.local.auth;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a browser does in the authorization-code flow, over plain HTTP: keeps cookies, follows redirects one
 * at a time (so the test sees where it is sent), reads the CSRF token from the login form. Nothing listens on
 * the client's redirect URI, so the walk stops when the issuer sends the browser there.
 */
final class Browser {

    static final String REDIRECT_URI = "http://localhost:8081/login/oauth2/code/clinic";
    private static final String STATE = "state-42";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final RunningAuthServer server;
    private final String clientId;
    private final String redirectUri;
    private final String scope;
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** The web app's browser: client {@code clinic-web}. */
    Browser(RunningAuthServer server) {
        this(server, "clinic-web", REDIRECT_URI, "openid reports:write reports:read");
    }

    /** A browser for another public client, which receives its codes at this redirect URI. */
    Browser(RunningAuthServer server, String clientId, String redirectUri, String scope) {
        this.server = server;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
        this.scope = scope;
    }

    /** The web app's authorization request; without PKCE parameters when {@code pkce} is null. */
    static String authorizePath(Pkce pkce) {
        return authorizePath("clinic-web", REDIRECT_URI, "openid reports:write reports:read", pkce);
    }

    private static String authorizePath(String clientId, String redirectUri, String scope, Pkce pkce) {
        String path = "/oauth2/authorize?response_type=code&client_id=" + clientId
                + "&redirect_uri=" + encode(redirectUri)
                + "&scope=" + encode(scope)
                + "&state=" + STATE;
        return pkce == null ? path : path + "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256";
    }

    /** Logs in through the form and returns the authorization code the issuer sends back to the client. */
    String authorize(Pkce pkce, String username, String password) {
        assertThat(followUntilClient(authorizePath(clientId, redirectUri, scope, pkce)))
                .isEqualTo(server.issuer() + "/login");
        HttpResponse<String> login = submitLogin(username, password);
        String afterLogin = login.headers().firstValue("Location").orElseThrow();
        assertThat(afterLogin).doesNotContain("error");

        String callback = followUntilClient(afterLogin);
        assertThat(callback).startsWith(redirectUri);
        Map<String, String> query = query(URI.create(callback));
        assertThat(query).containsEntry("state", STATE).containsKey("code");
        return query.get("code");
    }

    HttpResponse<String> submitLogin(String username, String password) {
        HttpResponse<String> form = get("/login");
        Matcher csrf = CSRF.matcher(form.body());
        assertThat(csrf.find()).as("login form carries a CSRF token").isTrue();
        return post("/login", Map.of("username", username, "password", password, "_csrf", csrf.group(1)));
    }

    /** The web app's back-channel call that turns the code into tokens; no verifier sent when it is null. */
    HttpResponse<String> exchange(String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>(RunningAuthServer.params("grant_type", "authorization_code",
                "code", code, "redirect_uri", redirectUri, "client_id", clientId));
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        return post("/oauth2/token", form);
    }

    /**
     * Follows redirects from {@code start} and returns either the client callback URL the issuer redirects
     * to, or the URL of the page where the walk ends (e.g. the login form).
     */
    String followUntilClient(String start) {
        URI current = server.uri("/").resolve(start);
        for (int hop = 0; hop < 10; hop++) {
            HttpResponse<String> response = get(current);
            if (response.statusCode() / 100 != 3) {
                return current.toString();
            }
            URI next = current.resolve(response.headers().firstValue("Location").orElseThrow());
            if (next.toString().startsWith(redirectUri)) {
                return next.toString();
            }
            current = next;
        }
        throw new AssertionError("too many redirects from " + start);
    }

    HttpResponse<String> get(String path) {
        return get(server.uri("/").resolve(path));
    }

    private HttpResponse<String> get(URI uri) {
        return RunningAuthServer.send(http, HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build());
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        return RunningAuthServer.send(http, HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(RunningAuthServer.form(form))).build());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
