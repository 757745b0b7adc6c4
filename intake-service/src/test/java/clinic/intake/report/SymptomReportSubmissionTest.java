package clinic.intake.report;

import clinic.events.EventType;
import clinic.events.intake.IntakeAnswers;
import clinic.events.intake.LoadChange;
import clinic.events.intake.PainAtRest;
import clinic.events.intake.PainLocation;
import clinic.events.intake.PainQuality;
import clinic.events.intake.SymptomReportSubmitted;
import clinic.events.intake.Trend;
import clinic.events.EventCodec;
import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.Tables;
import clinic.intake.TestReports;
import clinic.intake.idempotency.IdempotencyKey;
import clinic.intake.idempotency.IdempotentRequest;
import clinic.support.security.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static clinic.intake.TestReports.EMAIL;
import static clinic.intake.TestReports.EXTERNAL_ID;
import static clinic.intake.TestReports.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntakeServiceTest
class SymptomReportSubmissionTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SymptomReportService service;

    IntakeHttp http;
    Tables tables;

    @BeforeEach
    void setUp() {
        http = new IntakeHttp(port);
        tables = new Tables(jdbc);
    }

    @Test
    void acceptsValidReportWith202LocationAndReportId() {
        HttpResponse<String> response = http.submit(TestReports.validJson());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = IntakeHttp.json(response);
        UUID reportId = UUID.fromString(body.get("reportId").asString());
        assertThat(reportId.version()).as("random, unguessable UUID").isEqualTo(4);
        assertThat(body.get("status").asString()).isEqualTo("RECEIVED");
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("reportId", "status");
        assertThat(response.headers().firstValue("Location"))
                .hasValue("/api/v1/symptom-reports/" + reportId);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void storesReportAndOutboxEventTogether() {
        UUID reportId = submit(TestReports.validJson());

        Map<String, Object> report = jdbc.queryForMap("select * from symptom_report where id = ?", reportId);
        assertThat(report).containsEntry("patient_external_id", EXTERNAL_ID)
                .containsEntry("patient_name", NAME)
                .containsEntry("patient_email", EMAIL)
                .containsEntry("status", "RECEIVED");
        assertThat(report.get("disposition")).isNull();
        assertThat(report.get("triaged_at")).isNull();

        Map<String, Object> outbox = jdbc.queryForMap("select * from outbox_event where message_key = ?",
                reportId.toString());
        assertThat(outbox).containsEntry("topic", "clinic.symptom-reports.v1")
                .containsEntry("event_type", "clinic.intake.symptom-report-submitted.v1")
                .containsEntry("source", "/clinic/intake-service")
                .containsEntry("data_schema", "urn:clinic:schema:clinic.intake.symptom-report-submitted.v1");

        String payload = (String) outbox.get("payload");
        assertThat(payload).doesNotContain(NAME, EMAIL, EXTERNAL_ID, "patient");
        SymptomReportSubmitted event = EventCodec.readTrusted(EventType.SYMPTOM_REPORT_SUBMITTED,
                payload.getBytes(StandardCharsets.UTF_8));
        assertThat(event.reportId()).isEqualTo(reportId);
        assertThat(event.answers()).isEqualTo(expectedAnswers());
    }

    @Test
    void keepsAnOptionalPhoneNumberWithThePatientAndOutOfTheEvent() {
        UUID withPhone = submit(TestReports.json(TestReports.with("patient.phone", "+441632960123")));
        UUID withoutPhone = submit(TestReports.validJson());

        assertThat(jdbc.queryForObject("select patient_phone from symptom_report where id = ?", String.class,
                withPhone)).isEqualTo("+441632960123");
        assertThat(jdbc.queryForObject("select patient_phone from symptom_report where id = ?", String.class,
                withoutPhone)).isNull();
        assertThat(jdbc.queryForObject("select payload from outbox_event where message_key = ?", String.class,
                withPhone.toString())).doesNotContain("441632960123", "phone");
    }

    @Test
    void showsReceivedStatusWithoutPatientData() {
        Instant before = Instant.now().minusSeconds(1);
        UUID reportId = submit(TestReports.validJson());

        HttpResponse<String> response = http.get("/api/v1/symptom-reports/" + reportId);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = IntakeHttp.json(response);
        assertThat(body.get("reportId").asString()).isEqualTo(reportId.toString());
        assertThat(body.get("status").asString()).isEqualTo("RECEIVED");
        assertThat(Instant.parse(body.get("submittedAt").asString())).isBetween(before, Instant.now());
        assertThat(body.hasNonNull("disposition")).isFalse();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("reportId", "status", "submittedAt");
        assertThat(response.body()).doesNotContain(NAME, EMAIL, EXTERNAL_ID);
    }

    @Test
    void acceptsEmptySets() {
        var report = TestReports.with("painQualities", List.of());
        report.put("recentLoadChanges", List.of());

        assertThat(http.submit(TestReports.json(report)).statusCode()).isEqualTo(202);
    }

    @Test
    void answersNotFoundForUnknownOrMalformedReportIds() {
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-report", "1-1-1-1-1", "%27--")) {
            HttpResponse<String> response = http.get("/api/v1/symptom-reports/" + id);

            assertThat(response.statusCode()).as(id).isEqualTo(404);
            assertThat(IntakeHttp.contentType(response)).startsWith("application/problem+json");
            assertThat(IntakeHttp.json(response).get("status").asInt()).isEqualTo(404);
            assertThat(response.body()).doesNotContain("Exception", "'");
        }
    }

    @Test
    void refusesAnEncodedSemicolonInTheIdWithProblemJsonBeforeRouting() {
        // Spring Security's firewall rejects encoded separators (%3B, %2F, ...) before any controller runs
        HttpResponse<String> response = http.get("/api/v1/symptom-reports/%27%3B--");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(IntakeHttp.contentType(response)).startsWith("application/problem+json");
        assertThat(IntakeHttp.json(response).get("status").asInt()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("Exception", "%3B", ";");
    }

    @Test
    void storesNothingWhenTheEventCannotBeWritten() {
        long reportsBefore = tables.reports();
        long outboxBefore = tables.outbox();
        PatientDetails patient = new PatientDetails(EXTERNAL_ID, NAME, EMAIL, null);
        IntakeAnswers offContract = new IntakeAnswers(0, false, PainLocation.UNSURE, Set.of(), Set.of(), false,
                false, false, PainAtRest.NONE, 99, Trend.STABLE, false, true, true, false, false, false, Set.of(),
                1, 0, false);

        Optional<IdempotentRequest> keyed = Optional.of(new IdempotentRequest(
                IdempotencyKey.fromHeader(List.of("\"" + UUID.randomUUID() + "\"")).orElseThrow(), "f".repeat(64)));
        long keysBefore = jdbc.queryForObject("select count(*) from idempotency_key", Long.class);

        // The report row and its key are saved first; the event then breaks its schema, so all must roll back.
        assertThatThrownBy(() -> service.submit(patient, offContract, new Actor("patient-x", "PATIENT"), false, keyed))
                .isInstanceOf(IllegalStateException.class);

        assertThat(tables.reports()).isEqualTo(reportsBefore);
        assertThat(tables.outbox()).isEqualTo(outboxBefore);
        assertThat(jdbc.queryForObject("select count(*) from idempotency_key", Long.class)).isEqualTo(keysBefore);
    }

    private UUID submit(String json) {
        HttpResponse<String> response = http.submit(json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return UUID.fromString(IntakeHttp.json(response).get("reportId").asString());
    }

    private static IntakeAnswers expectedAnswers() {
        return new IntakeAnswers(41, false, PainLocation.BOTTOM_INNER_HEEL,
                Set.of(PainQuality.SHARP, PainQuality.STABBING), Set.of(), true, true, false, PainAtRest.NONE, 5,
                Trend.STABLE, false, true, true, false, false, false, Set.of(LoadChange.MILEAGE), 21, 0, false);
    }
}
