package clinic.support.testing;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The {@link TestIssuer}'s half of an OIDC authorization-code login, so that a test can log in on a service's
 * pages over real HTTP as a browser does ({@link PageLogin}). The login form is skipped: the test approves the
 * authorization request for a subject and roles ({@link #approve}), and the service redeems the code at
 * {@code /oauth2/token} for an ID token carrying the request's nonce (and reads {@code /userinfo}). The PKCE verifier and the redirect URI are
 * checked as a real issuer checks them; each code works once.
 */
final class AuthorizationCodes {

    private record Grant(String clientId, String redirectUri, String nonce, String challenge, String subject,
                         List<String> roles, Map<String, Object> claims) {
    }

    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final String issuer;
    private final Function<JWTClaimsSet, String> signer;

    AuthorizationCodes(String issuer, Function<JWTClaimsSet, String> signer) {
        this.issuer = issuer;
        this.signer = signer;
    }

    /** The redirect back to the client that approves this authorization request for the subject. */
    URI approve(URI authorizationRequest, String subject, List<String> roles, Map<String, Object> claims) {
        UriComponents request = UriComponentsBuilder.fromUri(authorizationRequest).build();
        Map<String, String> query = new HashMap<>();
        request.getQueryParams().forEach((name, values) -> query.put(name, decode(values.get(0))));
        String code = UUID.randomUUID().toString();
        grants.put(code, new Grant(query.get("client_id"), query.get("redirect_uri"), query.get("nonce"),
                query.get("code_challenge"), subject, List.copyOf(roles), Map.copyOf(claims)));
        return UriComponentsBuilder.fromUriString(query.get("redirect_uri")).queryParam("code", code)
                .queryParam("state", query.get("state")).encode().build().toUri();
    }

    /** {@code POST /oauth2/token} with {@code grant_type=authorization_code}. */
    void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = form.get("code") == null ? null : grants.remove(form.get("code"));
        if (grant == null || !"authorization_code".equals(form.get("grant_type"))
                || !grant.redirectUri().equals(form.get("redirect_uri"))
                || !grant.challenge().equals(s256(form.getOrDefault("code_verifier", "")))) {
            respond(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        Instant now = Instant.now();
        JWTClaimsSet.Builder id = new JWTClaimsSet.Builder().issuer(issuer).subject(grant.subject())
                .audience(grant.clientId()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(30)))).claim("nonce", grant.nonce())
                .claim("roles", grant.roles());
        grant.claims().forEach(id::claim);
        String idToken = signer.apply(id.build());
        String accessToken = signer.apply(new JWTClaimsSet.Builder().issuer(issuer).subject(grant.subject())
                .audience(grant.clientId()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(30)))).claim("scope", "openid").build());
        respond(exchange, 200, """
                {"access_token":"%s","token_type":"Bearer","expires_in":1800,"scope":"openid","id_token":"%s"}"""
                .formatted(accessToken, idToken));
    }

    /** {@code GET /userinfo} with the access token of a login: its subject, as the ID token names it. */
    void userInfo(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        try {
            String subject = SignedJWT.parse(authorization.substring("Bearer ".length())).getJWTClaimsSet()
                    .getSubject();
            respond(exchange, 200, "{\"sub\":\"%s\"}".formatted(subject));
        } catch (ParseException | RuntimeException e) {
            respond(exchange, 401, "{\"error\":\"invalid_token\"}");
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
            }
        }
        return form;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
