package clinic.local;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Talks to the running services over real HTTP, as curl would, with the token each caller would have:
 * submissions and report reads as the integration client of the README, clinician views as clinician-demo,
 * metrics as the metrics client. {@link #as(String)} sends a call with another token (or none).
 */
final class PlatformClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PlatformSettings settings;
    private final Tokens tokens;
    /** When set, every call sends this bearer token ("" = no Authorization header) instead of the caller's. */
    private final String fixedToken;

    PlatformClient(PlatformSettings settings) {
        this(settings, new Tokens(settings.issuer()), null);
    }

    private PlatformClient(PlatformSettings settings, Tokens tokens, String fixedToken) {
        this.settings = settings;
        this.tokens = tokens;
        this.fixedToken = fixedToken;
    }

    /** The same calls, made with {@code token}; an empty string sends none. */
    PlatformClient as(String token) {
        return new PlatformClient(settings, tokens, token);
    }

    Tokens tokens() {
        return tokens;
    }

    record Response(int status, String contentType, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    Response submit(Map<String, Object> report) {
        return submitRaw(JSON.writeValueAsString(report), "application/json");
    }

    Response submitRaw(String body, String contentType) {
        HttpRequest request = authorized(HttpRequest.newBuilder(intake("/api/v1/symptom-reports")),
                        tokens::integration)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(request);
    }

    /** A QuestionnaireResponse to intake's FHIR endpoint, as the integration client (an EHR) sends it. */
    Response submitFhir(String questionnaireResponse) {
        HttpRequest request = authorized(HttpRequest.newBuilder(intake("/fhir/QuestionnaireResponse")),
                        tokens::integration)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(questionnaireResponse)).build();
        return send(request);
    }

    /**
     * The QuestionnaireResponse to triage's CDS Hooks service, as an EHR sends it when the intake is signed: with
     * a fresh token of the platform issuer's EHR client (the service takes each token once).
     */
    Response cdsHooks(String questionnaireResponse) {
        String body = """
                {"hook": "heel-pain-intake-signed", "hookInstance": "%s",
                 "context": {"questionnaireResponseId": "qr", "questionnaireResponse": %s}}"""
                .formatted(UUID.randomUUID(), questionnaireResponse);
        String token = tokens.fresh("clinic-ehr", "clinic-ehr-secret", "cds:invoke");
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + settings.triagePort()
                        + "/cds-services/heel-pain-triage"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The patient web form's POST, as a browser sends it after patient-demo logged in (see {@link PageBrowser}). */
    Response submitForm(String formBody) {
        HttpResponse<String> response = patientBrowser().submitForm(formBody);
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private PageBrowser browser;

    /** One logged-in browser session of patient-demo on the patient pages, made on first use. */
    synchronized PageBrowser patientBrowser() {
        if (browser == null) {
            browser = PageBrowser.login(settings, "patient-demo");
        }
        return browser;
    }

    /** Submits and returns the new report id, failing unless the answer is 202. */
    UUID accept(Map<String, Object> report) {
        Response response = submit(report);
        if (response.status() != 202) {
            throw new AssertionError("Expected 202 but got " + response.status() + ": " + response.body());
        }
        return UUID.fromString(response.json().get("reportId").asString());
    }

    Response report(UUID reportId) {
        return get(intake("/api/v1/symptom-reports/" + reportId), tokens::integration);
    }

    Response decision(UUID reportId) {
        return get(URI.create("http://localhost:" + settings.triagePort() + "/api/v1/triage-decisions/" + reportId),
                tokens::clinician);
    }

    Response notifications(UUID reportId) {
        return get(URI.create("http://localhost:" + settings.notificationPort() + "/api/v1/notifications?reportId="
                + reportId), tokens::clinician);
    }

    Response alerts() {
        return get(URI.create("http://localhost:" + settings.notificationPort() + "/api/v1/alerts"), tokens::clinician);
    }

    Response prometheus(int port) {
        return get(URI.create("http://localhost:" + port + "/actuator/prometheus"), tokens::metrics);
    }

    /** The audit trail of one object as operations see it; {@code role} may be null for every role. */
    Response auditEvents(int port, String objectId, String role) {
        return get(URI.create("http://localhost:" + port + "/ops/v1/audit-events?objectId=" + objectId
                + (role == null ? "" : "&role=" + role)), tokens::ops);
    }

    Response health(int port) {
        return get(URI.create("http://localhost:" + port + "/actuator/health/readiness"));
    }

    Response issuerMetadata() {
        return get(URI.create(settings.issuer() + "/.well-known/openid-configuration"));
    }

    /** A client-credentials token request as the README shows it; the answer as it is, refusals included. */
    Response clientCredentialsToken(String clientId, String secret, String scope) {
        return send(Tokens.clientCredentialsRequest(settings.issuer(), clientId, secret, scope));
    }

    private URI intake(String path) {
        return URI.create("http://localhost:" + settings.intakePort() + path);
    }

    private Response get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    private Response get(URI uri, Supplier<String> token) {
        return send(authorized(HttpRequest.newBuilder(uri), token).GET().build());
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request, Supplier<String> callersToken) {
        String token = fixedToken != null ? fixedToken : callersToken.get();
        return token.isEmpty() ? request : request.header("Authorization", "Bearer " + token);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
