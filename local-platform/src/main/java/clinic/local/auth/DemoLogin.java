package clinic.local.auth;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
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
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gets an access token for a local demo account from the command line, the way a native app would:
 * authorization code with PKCE through the issuer's own login form (client {@code clinic-cli}). Spring
 * Authorization Server rightly has no password grant, and clinician and ops endpoints need a person's
 * token, so this is how scripts, benchmarks and the end-to-end tests act as a demo person.
 *
 * <pre>java -jar local-platform/target/local-platform.jar token clinician-demo [--issuer=http://localhost:9000]</pre>
 *
 * Local mode only: it types the demo password (= the user name) into the login form.
 */
public final class DemoLogin {

    /** Registered for {@code clinic-cli}; nothing listens there, the code is read from the redirect itself. */
    static final String REDIRECT_URI = "http://127.0.0.1/clinic-cli/callback";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final URI issuer;
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private DemoLogin(String issuer) {
        this.issuer = URI.create(issuer.endsWith("/") ? issuer : issuer + "/");
    }

    public static void main(String[] args) {
        String user = null;
        String issuer = "http://localhost:9000";
        for (String arg : args) {
            if (arg.startsWith("--issuer=")) {
                issuer = arg.substring("--issuer=".length());
            } else if (user == null && !arg.startsWith("--")) {
                user = arg;
            } else {
                throw new IllegalArgumentException("usage: token <patient-demo|clinician-demo|ops-demo> [--issuer=URL]");
            }
        }
        if (user == null) {
            throw new IllegalArgumentException("usage: token <patient-demo|clinician-demo|ops-demo> [--issuer=URL]");
        }
        System.out.println(accessToken(issuer, user, user));
    }

    /** Logs {@code username} in at {@code issuer} and returns the access token (a JWT). */
    public static String accessToken(String issuer, String username, String password) {
        return new DemoLogin(issuer).login(username, password);
    }

    private String login(String username, String password) {
        Pkce pkce = Pkce.generate();
        String state = Pkce.generate().verifier(); // any unguessable value
        String authorize = "oauth2/authorize?response_type=code&client_id=clinic-cli&scope=openid"
                + "&redirect_uri=" + encode(REDIRECT_URI) + "&state=" + state
                + "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256";
        expectRedirect(get(issuer.resolve(authorize)), "the login form");

        Matcher csrf = CSRF.matcher(get(issuer.resolve("login")).body());
        if (!csrf.find()) {
            throw new IllegalStateException("The issuer's login form carries no CSRF token");
        }
        URI afterLogin = expectRedirect(post(issuer.resolve("login"),
                Map.of("username", username, "password", password, "_csrf", csrf.group(1))), "the authorization");
        if (afterLogin.getRawQuery() != null && afterLogin.getRawQuery().contains("error")) {
            throw new IllegalStateException("Login refused for " + username);
        }
        URI callback = expectRedirect(get(afterLogin), "the client");
        Map<String, String> query = query(callback);
        if (!callback.toString().startsWith(REDIRECT_URI) || !state.equals(query.get("state")) || !query.containsKey("code")) {
            throw new IllegalStateException("The issuer did not return an authorization code (" + query.keySet() + ")");
        }

        HttpResponse<String> token = post(issuer.resolve("oauth2/token"), Map.of("grant_type", "authorization_code",
                "code", query.get("code"), "redirect_uri", REDIRECT_URI, "client_id", "clinic-cli",
                "code_verifier", pkce.verifier()));
        if (token.statusCode() != 200) {
            throw new IllegalStateException("Token request refused: HTTP " + token.statusCode());
        }
        JsonNode body = JsonMapper.builder().build().readTree(token.body());
        return body.required("access_token").asString();
    }

    private URI expectRedirect(HttpResponse<String> response, String towards) {
        if (response.statusCode() / 100 != 3) {
            throw new IllegalStateException("Expected a redirect to " + towards + ", got HTTP " + response.statusCode());
        }
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
    }

    private HttpResponse<String> get(URI uri) {
        // asking for HTML is what makes the issuer send a person to its login form rather than answer 401
        return send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build());
    }

    private HttpResponse<String> post(URI uri, Map<String, String> form) {
        StringJoiner body = new StringJoiner("&");
        new LinkedHashMap<>(form).forEach((name, value) -> body.add(encode(name) + "=" + encode(value)));
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach the issuer at " + issuer + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return params;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
