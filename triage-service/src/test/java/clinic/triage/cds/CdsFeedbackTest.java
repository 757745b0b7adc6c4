package clinic.triage.cds;

import clinic.support.testing.TestIssuer;
import clinic.triage.testing.EhrIssuer;
import clinic.triage.testing.TriageServiceTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Feedback on our cards: stored and counted when it is about a card we gave this EHR, refused otherwise. */
@TriageServiceTest
@ExtendWith(OutputCaptureExtension.class)
class CdsFeedbackTest {

    private static final String NOW = "2026-03-01T10:15:30Z";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry metrics;

    @Test
    void anOverrideWithReasonAndCommentIsStoredAndCountedButTheCommentNeverLogged(CapturedOutput output)
            throws Exception {
        String card = issueCard("EMERGENCY").path("uuid").asString();
        double before = count("overridden");

        send(EhrIssuer.A, feedback(card, "overridden", null, """
                , "overrideReason": {"reason": {
                  "system": "https://heel-pain-clinic.example/fhir/CodeSystem/cds-override-reason",
                  "code": "clinical-judgement"}, "userComment": "Seen in clinic this morning by Dr Who"}"""), 200);

        Map<String, Object> row = jdbc.sql("select * from cds_feedback where card_uuid = ?")
                .param(UUID.fromString(card)).query().singleRow();
        assertThat(row).containsEntry("outcome", "overridden").containsEntry("override_code", "clinical-judgement")
                .containsEntry("user_comment", "Seen in clinic this morning by Dr Who");
        assertThat(count("overridden")).isEqualTo(before + 1);
        assertThat(output.getAll()).contains(card).doesNotContain("Dr Who");
    }

    @Test
    void anAcceptedSuggestionIsStoredWithItsId() throws Exception {
        JsonNode card = issueCard("SELF_CARE");
        String suggestion = card.path("suggestions").path(0).path("uuid").asString();
        double before = count("accepted");

        send(EhrIssuer.A, feedback(card.path("uuid").asString(), "accepted",
                "[{\"id\": \"" + suggestion + "\"}]", ""), 200);

        assertThat(jdbc.sql("select accepted_suggestion from cds_feedback where card_uuid = ?")
                .param(UUID.fromString(card.path("uuid").asString())).query(UUID.class).single())
                .isEqualTo(UUID.fromString(suggestion));
        assertThat(count("accepted")).isEqualTo(before + 1);
    }

    @Test
    void theCounterIsScrapedAsClinicCdsFeedbackTotal() throws Exception {
        send(EhrIssuer.A, feedback(issueCard("URGENT_REVIEW").path("uuid").asString(), "accepted", null, ""), 200);

        String scrape = mvc.perform(get("/actuator/prometheus")
                        .header(AUTHORIZATION, "Bearer " + TestIssuer.get().ops("ops-cds")))
                .andReturn().getResponse().getContentAsString();
        assertThat(scrape).containsPattern("clinic_cds_feedback_total\\{[^}]*outcome=\"accepted\"");
    }

    @Test
    void feedbackOnAnUnknownCardOrAnotherEhrsCardIs404AndStoresNothing() throws Exception {
        String othersCard = issueCard("SELF_CARE").path("uuid").asString();

        send(EhrIssuer.A, feedback(UUID.randomUUID().toString(), "accepted", null, ""), 404);
        send(EhrIssuer.B, feedback(othersCard, "accepted", null, ""), 404);

        assertThat(jdbc.sql("select count(*) from cds_feedback where card_uuid = ?").param(UUID.fromString(othersCard))
                .query(Long.class).single()).isZero();
    }

    @Test
    void badFeedbackIsA400AndStoresNothing() throws Exception {
        JsonNode selfCare = issueCard("SELF_CARE");
        String card = selfCare.path("uuid").asString();
        String overrideWith = """
                , "overrideReason": {"reason": {
                  "system": "https://heel-pain-clinic.example/fhir/CodeSystem/cds-override-reason",
                  "code": "%s"}, "userComment": "%s"}""";
        String good = feedback(card, "accepted", null, "");

        send(EhrIssuer.A, feedback(card, "ignored", null, ""), 400);
        send(EhrIssuer.A, feedback("not-a-uuid", "accepted", null, ""), 400);
        send(EhrIssuer.A, good.replace(NOW, "yesterday"), 400);
        send(EhrIssuer.A, good.replace(", \"outcomeTimestamp\": \"" + NOW + "\"", ""), 400);
        send(EhrIssuer.A, feedback(card, "accepted", "[{\"id\": \"" + UUID.randomUUID() + "\"}]", ""), 400);
        send(EhrIssuer.A, feedback(card, "overridden",
                "[{\"id\": \"" + selfCare.path("suggestions").path(0).path("uuid").asString() + "\"}]", ""), 400);
        send(EhrIssuer.A, feedback(card, "accepted", null, overrideWith.formatted("clinical-judgement", "")), 400);
        send(EhrIssuer.A, feedback(card, "overridden", null, overrideWith.formatted("made-up", "")), 400);
        send(EhrIssuer.A, feedback(card, "overridden", null,
                overrideWith.formatted("patient-declined", "x".repeat(501))), 400);
        send(EhrIssuer.A, "{\"feedback\": []}", 400);
        send(EhrIssuer.A, "{\"feedback\": [null]}", 400);
        send(EhrIssuer.A, "{\"feedback\": ", 400);
        // one bad entry refuses the good one beside it
        send(EhrIssuer.A, "{\"feedback\": [" + entry(card, "accepted", null, "") + ", "
                + entry(card, "maybe", null, "") + "]}", 400);

        assertThat(jdbc.sql("select count(*) from cds_feedback where card_uuid = ?").param(UUID.fromString(card))
                .query(Long.class).single()).isZero();
        send(EhrIssuer.A, feedback(card, "overridden", null,
                overrideWith.formatted("patient-declined", "x".repeat(500))), 200);
    }

    private double count(String outcome) {
        Counter counter = metrics.find("clinic.cds.feedback").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private JsonNode issueCard(String disposition) throws Exception {
        MvcResult result = mvc.perform(post(CdsPaths.SERVICE).contentType(MediaType.APPLICATION_JSON)
                .header(AUTHORIZATION, "Bearer " + EhrIssuer.A.token())
                .content(CdsRequests.inContext(CdsRequests.json(CdsRequests.questionnaireResponse(
                        Vignettes.first(disposition).answers()))))).andReturn();
        return CdsServiceTest.onlyCard(result);
    }

    private static String feedback(String card, String outcome, String accepted, String more) {
        return "{\"feedback\": [" + entry(card, outcome, accepted, more) + "]}";
    }

    private static String entry(String card, String outcome, String accepted, String more) {
        return "{\"card\": \"" + card + "\", \"outcome\": \"" + outcome + "\""
                + (accepted == null ? "" : ", \"acceptedSuggestions\": " + accepted)
                + ", \"outcomeTimestamp\": \"" + NOW + "\"" + more + "}";
    }

    private void send(EhrIssuer ehr, String body, int status) throws Exception {
        MvcResult result = mvc.perform(post(CdsPaths.FEEDBACK).contentType(MediaType.APPLICATION_JSON)
                .header(AUTHORIZATION, "Bearer " + ehr.token()).content(body)).andReturn();
        assertThat(result.getResponse().getStatus()).as(body + " -> " + result.getResponse().getContentAsString())
                .isEqualTo(status);
    }
}
