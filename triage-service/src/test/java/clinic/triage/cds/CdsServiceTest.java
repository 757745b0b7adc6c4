package clinic.triage.cds;

import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.LikelyCondition;
import clinic.events.triage.RedFlag;
import clinic.support.testing.FhirValidation;
import clinic.triage.engine.HeelPainRules;
import clinic.triage.engine.TriageEngine;
import clinic.triage.engine.TriageOutcome;
import clinic.triage.testing.EhrIssuer;
import clinic.triage.testing.TriageServiceTest;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The heel-pain-triage CDS service: every vignette's card against the engine, bad requests, nothing kept. */
@TriageServiceTest
@ExtendWith(OutputCaptureExtension.class)
class CdsServiceTest {

    private static final TriageEngine ENGINE = TriageEngine.standard();
    private static final JsonMapper JSON = JsonMapper.shared();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    static List<Vignettes> vignettes() {
        return Vignettes.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vignettes")
    void eachVignetteGetsTheCardOfTheEnginesOwnDecision(Vignettes vignette) throws Exception {
        QuestionnaireResponse response = CdsRequests.questionnaireResponse(vignette.answers());
        TriageOutcome direct = ENGINE.evaluate(CdsRequests.answers(response));
        assertThat(direct.disposition().name()).as("the engine on its own").isEqualTo(vignette.expectedDisposition());

        JsonNode card = onlyCard(call(CdsRequests.inContext(CdsRequests.json(response))));

        assertThat(card.path("indicator").asString()).isEqualTo(switch (direct.disposition()) {
            case EMERGENCY -> "critical";
            case URGENT_REVIEW -> "warning";
            case ROUTINE_REVIEW, SELF_CARE -> "info";
        });
        assertThat(card.path("summary").asString()).hasSizeLessThan(140)
                .startsWith(List.of("Emergency", "Urgent review", "Routine review", "Self-care")
                        .get(direct.disposition().ordinal()));
        String detail = card.path("detail").asString();
        assertThat(detail).contains("**Disposition:** " + direct.disposition());
        for (RedFlag flag : direct.redFlags()) {
            assertThat(detail).contains("- " + flag.name());
        }
        for (FiredRule rule : direct.rulesFired()) {
            assertThat(detail).contains("**" + rule.ruleId() + "** → " + rule.disposition());
        }
        LikelyCondition top = direct.likelyConditions().get(0);
        assertThat(detail).contains("1. " + top.condition() + " (score " + top.score() + ")");
        assertThat(card.path("source").path("label").asString())
                .isEqualTo("Heel-pain triage rules v" + HeelPainRules.ruleset().version());
        assertThat(card.path("source").path("url").asString()).isEqualTo(EhrIssuer.PUBLIC_BASE_URL + "/api/v1/ruleset");
        // routine reviews carry a plan too, but for after the clinician's review: only self-care offers to send it
        boolean selfCare = direct.disposition() == Disposition.SELF_CARE;
        assertThat(card.has("suggestions")).as("a suggestion exactly where the disposition is self-care")
                .isEqualTo(selfCare);
        if (selfCare) {
            assertThat(card.path("selectionBehavior").asString()).isEqualTo("any");
        }
    }

    @Test
    void theSelfCareSuggestionCreatesAValidCommunicationRequestCarryingThePlan() throws Exception {
        QuestionnaireResponse response = CdsRequests.questionnaireResponse(Vignettes.first("SELF_CARE").answers());
        TriageOutcome direct = ENGINE.evaluate(CdsRequests.answers(response));

        JsonNode suggestion = onlyCard(call(CdsRequests.inContext(CdsRequests.json(response))))
                .path("suggestions").path(0);

        assertThat(suggestion.path("label").asString()).isEqualTo("Send the self-care plan");
        assertThat(suggestion.path("isRecommended").asBoolean()).isTrue();
        JsonNode action = suggestion.path("actions").path(0);
        assertThat(action.path("type").asString()).isEqualTo("create");
        CommunicationRequest request = ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser()
                .parseResource(CommunicationRequest.class, action.path("resource").toString());
        assertThat(FhirValidation.r4().errors(request)).isEmpty();
        assertThat(request.getPayloadFirstRep().getContentStringType().getValue())
                .contains(direct.selfCarePlan().summary(), direct.selfCarePlan().advice().get(0));
        assertThat(request.getSubject().getReference()).isEqualTo("Patient/p-42");
    }

    @Test
    void thePrefetchedResourceServesAsWellAsTheContextOne() throws Exception {
        Vignettes emergency = Vignettes.first("EMERGENCY");
        String json = CdsRequests.json(CdsRequests.questionnaireResponse(emergency.answers()));

        assertThat(onlyCard(call(CdsRequests.prefetched(json))).path("indicator").asString()).isEqualTo("critical");
    }

    @Test
    void aResponseMissingARequiredItemIsA400OperationOutcomeNamingTheLinkId() throws Exception {
        Map<String, Object> answers = new HashMap<>(Vignettes.first("ROUTINE_REVIEW").answers());
        answers.remove("painScore");
        String json = CdsRequests.json(CdsRequests.questionnaireResponse(answers));

        MvcResult result = call(CdsRequests.inContext(json), 400);

        assertThat(result.getResponse().getContentType()).startsWith("application/fhir+json");
        JsonNode outcome = JSON.readTree(body(result));
        assertThat(outcome.path("resourceType").asString()).isEqualTo("OperationOutcome");
        assertThat(outcome.path("issue").toString()).contains("painScore");
    }

    @Test
    void aValueOutsideTheContractIsA400NamingItsLinkId() throws Exception {
        Map<String, Object> answers = new HashMap<>(Vignettes.first("ROUTINE_REVIEW").answers());
        answers.put("painScore", 11);

        JsonNode outcome = JSON.readTree(body(call(CdsRequests.inContext(
                CdsRequests.json(CdsRequests.questionnaireResponse(answers))), 400)));

        assertThat(outcome.path("issue").path(0).path("expression").toString()).contains("painScore");
    }

    @Test
    void notFhirOrTheWrongResourceIsA400OperationOutcome() throws Exception {
        String unknownElement = "{\"resourceType\": \"QuestionnaireResponse\", \"status\": \"completed\", \"mood\": 1}";
        String patient = "{\"resourceType\": \"Patient\", \"id\": \"p-42\"}";

        assertThat(body(call(CdsRequests.inContext(unknownElement), 400))).contains("OperationOutcome");
        assertThat(body(call(CdsRequests.inContext(patient), 400))).contains("OperationOutcome", "expected a");
    }

    @Test
    void anotherHookOrNoHookInstanceIsA400() throws Exception {
        String json = CdsRequests.json(CdsRequests.questionnaireResponse(Vignettes.first("SELF_CARE").answers()));
        String request = CdsRequests.inContext(json);

        assertThat(body(call(request.replace("heel-pain-intake-signed", "patient-view"), 400)))
                .contains("hook must be");
        assertThat(body(call(request.replaceFirst("\"hookInstance\": \"[^\"]+\"", "\"hookInstance\": \"x\""), 400)))
                .contains("hookInstance");
        call("{\"hook\": ", 400);
    }

    @Test
    void withoutTheQuestionnaireResponseInContextOrPrefetchIsA412() throws Exception {
        String request = """
                {"hook": "heel-pain-intake-signed", "hookInstance": "0b7b6d2e-4a6e-4a0e-9d1e-2f4a8f1f0c11",
                 "context": {"questionnaireResponseId": "qr-7"}, "prefetch": {"questionnaireResponse": null}}""";

        assertThat(body(call(request, 412))).contains("OperationOutcome", "prefetch.questionnaireResponse");
    }

    @Test
    void keepsNoDecisionAndLogsNoPatientData(CapturedOutput output) throws Exception {
        long decisions = count("triage_decision");
        long events = count("outbox_event");
        Map<String, Object> answers = new HashMap<>(Vignettes.first("SELF_CARE").answers());
        // the clinic's own form asks for these; an EHR may send them: they must go nowhere
        answers.putAll(Map.of("patient.externalId", "P-EHR-77", "patient.name", "Ann Example",
                "patient.email", "ann@example.org", "patient.phone", "+44 7700 900123"));
        String json = CdsRequests.json(CdsRequests.questionnaireResponse(answers));

        JsonNode card = onlyCard(call(CdsRequests.prefetched(json).replace("\"questionnaireResponseId\": \"qr-7\"",
                "\"questionnaireResponseId\": \"qr-7\", \"patientId\": \"p-4242\"")));

        assertThat(count("triage_decision")).isEqualTo(decisions);
        assertThat(count("outbox_event")).isEqualTo(events);
        assertThat(output.getAll()).contains(card.path("uuid").asString())
                .doesNotContain("p-4242", "secret-ehr-token", "Practitioner/123", "qr-7", "P-EHR-77",
                "Ann Example", "ann@example.org", "7700 900123");
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private MvcResult call(String request) throws Exception {
        return call(request, 200);
    }

    private MvcResult call(String request, int status) throws Exception {
        MvcResult result = mvc.perform(post("/cds-services/heel-pain-triage").contentType(MediaType.APPLICATION_JSON)
                .header(AUTHORIZATION, "Bearer " + EhrIssuer.A.token()).content(request)).andReturn();
        assertThat(result.getResponse().getStatus()).as(body(result)).isEqualTo(status);
        return result;
    }

    /** The response's only card, once the whole response has passed the CDS Hooks schema. */
    static JsonNode onlyCard(MvcResult result) {
        String body = body(result);
        assertThat(CdsResponseSchema.violations(body)).as(body).isEmpty();
        JsonNode cards = JSON.readTree(body).path("cards");
        assertThat(cards.size()).isEqualTo(1);
        return cards.path(0);
    }

    static String body(MvcResult result) {
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }
}
