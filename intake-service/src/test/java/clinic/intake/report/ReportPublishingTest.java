package clinic.intake.report;

import clinic.support.testing.TestIssuer;
import clinic.support.testing.TopicReader;
import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.events.IncomingEvent;
import clinic.events.intake.SymptomReportSubmitted;
import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.TestReports;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static clinic.intake.TestReports.EMAIL;
import static clinic.intake.TestReports.EXTERNAL_ID;
import static clinic.intake.TestReports.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An accepted report reaches Kafka as a CloudEvent without the patient's identity. */
@IntakeServiceTest
class ReportPublishingTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    void publishesAcceptedReportAsCloudEventKeyedByReportId() {
        UUID reportId = submitReport();
        UUID eventId = jdbc.queryForObject("select id from outbox_event where message_key = ?", UUID.class,
                reportId.toString());

        ConsumerRecord<String, byte[]> record;
        try (TopicReader reader = new TopicReader(brokers, "clinic.symptom-reports.v1")) {
            record = reader.awaitRecord(reportId.toString());
        }

        assertThat(record.key()).isEqualTo(reportId.toString());
        assertThat(header(record, "ce_id")).isEqualTo(eventId.toString());
        assertThat(header(record, "ce_type")).isEqualTo("clinic.intake.symptom-report-submitted.v1");
        assertThat(header(record, "ce_source")).isEqualTo("/clinic/intake-service");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_subject")).isEqualTo(reportId.toString());
        assertThat(header(record, "ce_dataschema"))
                .isEqualTo("urn:clinic:schema:clinic.intake.symptom-report-submitted.v1");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(Instant.parse(header(record, "ce_time"))).isNotNull();

        IncomingEvent<SymptomReportSubmitted> event = new EventCodec("/clinic/test")
                .decode(ClinicTopics.SYMPTOM_REPORTS, record.headers(), record.value());
        assertThat(event.id()).isEqualTo(eventId);
        assertThat(event.data().reportId()).isEqualTo(reportId);
        assertThat(event.data().answers().painScore()).isEqualTo(5);

        assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(NAME, EMAIL, EXTERNAL_ID);
        for (Header header : record.headers()) {
            assertThat(new String(header.value(), StandardCharsets.UTF_8)).doesNotContain(NAME, EMAIL, EXTERNAL_ID);
        }
    }

    /**
     * Issue 12, finding 3: the report event names its submitter (attribute {@code submittedby}) so triage and
     * notification can keep a client to its own reports; a person is named by kind only, never by subject.
     */
    @Test
    void theEventNamesASubmittingClientByIdAndAPersonByKindOnly() {
        String patientSubject = "patient-" + UUID.randomUUID();
        UUID byClient = submitReport(new IntakeHttp(port)
                .as(TestIssuer.get().client("clinic-integration", "reports:write", "reports:read")));
        UUID byPatient = submitReport(new IntakeHttp(port).as(TestIssuer.get().patient(patientSubject)));

        try (TopicReader reader = new TopicReader(brokers, "clinic.symptom-reports.v1")) {
            assertThat(header(reader.awaitRecord(byClient.toString()), "ce_submittedby"))
                    .isEqualTo("client:clinic-integration");
            ConsumerRecord<String, byte[]> patients = reader.awaitRecord(byPatient.toString());
            assertThat(header(patients, "ce_submittedby")).isEqualTo("person");
            for (Header header : patients.headers()) {
                assertThat(new String(header.value(), StandardCharsets.UTF_8)).doesNotContain(patientSubject);
            }
        }
    }

    @Test
    void marksTheOutboxRowSentOnceKafkaAcknowledged() {
        UUID reportId = submitReport();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from outbox_event where message_key = ? and sent_at is not null", Long.class,
                reportId.toString())).isEqualTo(1L));
    }

    private UUID submitReport() {
        return submitReport(new IntakeHttp(port));
    }

    private static UUID submitReport(IntakeHttp http) {
        HttpResponse<String> response = http.submit(TestReports.validJson());
        assertThat(response.statusCode()).isEqualTo(202);
        return UUID.fromString(IntakeHttp.json(response).get("reportId").asString());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as(name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
