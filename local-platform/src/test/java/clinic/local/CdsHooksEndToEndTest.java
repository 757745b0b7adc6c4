package clinic.local;

import ca.uhn.fhir.context.FhirContext;
import clinic.fhir.QuestionnaireResponseWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's CDS Hooks walk-through on the running platform: the issuer's EHR client gets a token addressed to
 * triage's CDS service, which answers a signed intake with a card, once per token, and takes feedback on it.
 */
@ExtendWith(SharedPlatform.class)
class CdsHooksEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Vignette SC-01: classic plantar heel pain, self-care. */
    private static final Map<String, Object> SELF_CARE = Map.ofEntries(entry("ageYears", 35),
            entry("hasDiabetes", false), entry("painLocation", "BOTTOM_INNER_HEEL"), entry("painQualities",
                    List.of("SHARP")), entry("symptoms", List.of()), entry("worstOnFirstStepsAfterRest", true),
            entry("easesOnceMoving", true), entry("worseWithActivity", false), entry("painAtRest", "NONE"),
            entry("painScore", 4), entry("trend", "STABLE"), entry("worseningDespiteReducedLoad", false),
            entry("canWalkNormally", true), entry("canRunNormally", true), entry("painOnSqueezingHeelSides", false),
            entry("tenderBackOfHeelToPressure", false), entry("suddenOnsetWithPopOrSnap", false),
            entry("recentLoadChanges", List.of("MILEAGE")), entry("symptomDurationDays", 21),
            entry("weeksOfLoadReductionAndRehab", 0), entry("returnsWhenRunningResumes", false));

    private static PlatformSettings settings;

    @BeforeAll
    static void usePlatform() {
        settings = SharedPlatform.running().settings();
    }

    @Test
    void anEhrTokenFromThePlatformIssuerGetsACardOnceAndFeedbackIsTaken() throws Exception {
        String token = ehrToken();
        String request = """
                {"hook": "heel-pain-intake-signed", "hookInstance": "%s",
                 "context": {"questionnaireResponseId": "qr-1", "questionnaireResponse": %s}}""".formatted(
                UUID.randomUUID(), FhirContext.forR4Cached().newJsonParser()
                        .encodeResourceToString(QuestionnaireResponseWriter.write(SELF_CARE, true)));

        HttpResponse<String> answered = post("/cds-services/heel-pain-triage", token, request);
        HttpResponse<String> replayed = post("/cds-services/heel-pain-triage", token, request);

        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        JsonNode card = PlatformClient.JSON.readTree(answered.body()).path("cards").path(0);
        assertThat(card.path("indicator").asString()).isEqualTo("info");
        assertThat(card.path("source").path("url").asString()).isEqualTo(settings.triageBaseUrl() + "/api/v1/ruleset");
        assertThat(replayed.statusCode()).isEqualTo(401);
        HttpResponse<String> feedback = post("/cds-services/heel-pain-triage/feedback", ehrToken(),
                "{\"feedback\": [{\"card\": \"" + card.path("uuid").asString() + "\", \"outcome\": \"accepted\", "
                        + "\"outcomeTimestamp\": \"2026-03-01T10:15:30Z\"}]}");
        assertThat(feedback.statusCode()).as(feedback.body()).isEqualTo(200);
    }

    @Test
    void aClinicIntegrationTokenDoesNotOpenTheCdsService() throws Exception {
        String integration = SharedPlatform.running().client().tokens().integration();

        assertThat(post("/cds-services/heel-pain-triage", integration, "{}").statusCode()).isEqualTo(401);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(settings.triageBaseUrl() + "/cds-services")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    /** A fresh token every time: the CDS service takes each one once. */
    private static String ehrToken() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(Tokens.clientCredentialsRequest(settings.issuer(), "clinic-ehr",
                "clinic-ehr-secret", "cds:invoke"), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return PlatformClient.JSON.readTree(response.body()).path("access_token").asString();
    }

    private static HttpResponse<String> post(String path, String token, String body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(settings.triageBaseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
