package clinic.intake;

import clinic.events.EventCodec;
import clinic.events.OutgoingEvent;
import clinic.events.triage.Disposition;
import clinic.support.testing.ConsumerGroups;
import clinic.support.testing.PreSupportDatabase;
import clinic.support.testing.TestIssuer;
import clinic.support.testing.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Intake started on an H2 file database as the local mode kept it before service-support existed (migrated by
 * intake's own scripts of that time, with rows in every table): it starts with no manual step, every row is
 * still there, and the shared mechanisms carry on with the rows they find (the pending outbox row is
 * published, the inbox still recognises an event it processed before the upgrade, the audit trail grows).
 * The service runs as in production, on a broker of its own, apart from the shared test context.
 */
// A property of its own: the default (spring.kafka.bootstrap-servers, a system property) would repoint the
// shared test context at this broker, which is gone after this class.
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "clinic.test.upgrade.brokers")
class UpgradeFromPreSupportDatabaseTest {

    static final Instant BEFORE = Instant.parse("2026-11-20T09:00:00Z");
    static final UUID REPORT = UUID.randomUUID();
    static final UUID PENDING_EVENT = UUID.randomUUID();
    static final UUID PROCESSED_DECISION = UUID.randomUUID();
    static final String OWNER = "patient-before-upgrade";

    @Test
    void theUpgradedDatabaseKeepsEveryRowAndTheSharedMechanismsCarryOn(EmbeddedKafkaBroker broker, @TempDir Path dataDir) {
        PreSupportDatabase database = PreSupportDatabase.h2File(dataDir, "intake");
        writeRowsAsBefore(database.jdbc());

        try (ConfigurableApplicationContext intake = start(database, broker)) {
            JdbcTemplate jdbc = intake.getBean(JdbcTemplate.class);
            assertThat(PreSupportDatabase.sharedTableVersions(jdbc))
                    .as("shared tables adopted: baseline, then the library's scripts").containsExactly("0", "1", "2", "3", "5", "6", "7");
            assertThat(jdbc.queryForObject("select patient_name from symptom_report where id = ?", String.class,
                    REPORT)).isEqualTo("Ada Before");

            try (TopicReader reports = new TopicReader(broker.getBrokersAsString(), "clinic.symptom-reports.v1")) {
                assertThat(reports.awaitRecord(REPORT.toString()).headers().lastHeader("ce_id").value())
                        .asString().isEqualTo(PENDING_EVENT.toString());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "select sent_at is not null from outbox_event where id = ?", Boolean.class, PENDING_EVENT));

            @SuppressWarnings("unchecked")
            KafkaTemplate<String, byte[]> kafka = intake.getBean(KafkaTemplate.class);
            // the decision event intake processed before the upgrade is recognised as a redelivery
            kafka.send(EventCodec.toProducerRecord(redelivery()));
            ConsumerGroups.awaitCaughtUp(broker.getBrokersAsString(), "intake-service", "clinic.triage-decisions.v1", 3);
            assertThat(status(jdbc)).isEqualTo("RECEIVED");

            TriageDecisions.publish(kafka, REPORT, Disposition.ROUTINE_REVIEW, TriageDecisions.plan("after upgrade"));
            await().atMost(Duration.ofSeconds(30)).until(() -> "TRIAGED".equals(status(jdbc)));

            IntakeHttp owner = new IntakeHttp(port(intake)).as(TestIssuer.get().patient(OWNER));
            assertThat(owner.get(IntakeHttp.REPORTS + "/" + REPORT).statusCode()).isEqualTo(200);
            assertThat(jdbc.queryForList("select action from audit_event where object_id = ? order by id",
                    String.class, REPORT.toString())).containsExactly("REPORT_SUBMIT", "REPORT_READ");
        }
    }

    private static void writeRowsAsBefore(JdbcTemplate old) {
        old.update("insert into symptom_report (id, patient_external_id, patient_name, patient_email, answers, "
                        + "status, submitted_at, version, owner_subject) values (?, ?, ?, ?, ?, 'RECEIVED', ?, 0, ?)",
                REPORT, "P-0001", "Ada Before", "ada@example.org", TestReports.json(TestReports.without("patient")),
                Timestamp.from(BEFORE), OWNER);
        old.update("insert into outbox_event (id, topic, message_key, event_type, source, occurred_at, data_schema, "
                        + "payload, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                PENDING_EVENT, "clinic.symptom-reports.v1", REPORT.toString(),
                "clinic.intake.symptom-report-submitted.v1", "/clinic/intake-service", Timestamp.from(BEFORE),
                "urn:clinic:schema:clinic.intake.symptom-report-submitted.v1", "{\"reportId\":\"" + REPORT + "\"}",
                Timestamp.from(BEFORE));
        old.update("insert into processed_message (consumer, event_id, processed_at) values (?, ?, ?)",
                "intake-service.triage-decisions", PROCESSED_DECISION, Timestamp.from(BEFORE));
        old.update("insert into audit_event (occurred_at, actor, actor_role, action, object_id, outcome, http_status) "
                + "values (?, ?, 'PATIENT', 'REPORT_SUBMIT', ?, 'ALLOWED', 202)", Timestamp.from(BEFORE), OWNER,
                REPORT.toString());
    }

    private static ConfigurableApplicationContext start(PreSupportDatabase database, EmbeddedKafkaBroker broker) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=" + database.url(),
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString()));
        TestIssuer.get().resourceServerProperties().forEach(property -> arguments.add("--" + property));
        return IntakeApplication.application().run(arguments.toArray(String[]::new));
    }

    private static OutgoingEvent redelivery() {
        OutgoingEvent decision = TriageDecisions.decision(REPORT, Disposition.SELF_CARE,
                TriageDecisions.plan("before upgrade"));
        return new OutgoingEvent(PROCESSED_DECISION, decision.topic(), decision.key(), decision.type(),
                decision.source(), decision.time(), decision.dataSchema(), decision.payload());
    }

    private static String status(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select status from symptom_report where id = ?", String.class, REPORT);
    }

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }
}
