package clinic.triage.persistence;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.events.EventType;
import clinic.events.IncomingEvent;
import clinic.events.OutgoingEvent;
import clinic.events.intake.SymptomReportSubmitted;
import clinic.events.triage.TriageDecisionMade;
import clinic.support.testing.PreSupportDatabase;
import clinic.support.testing.TopicReader;
import clinic.triage.decision.Triage;
import clinic.triage.engine.HeelPainRules;
import clinic.triage.engine.TriageEngine;
import clinic.triage.testing.Answers;
import clinic.triage.TriageApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Triage started on an H2 file database as the local mode kept it before service-support existed (triage's
 * own scripts of that time, rows in every table): no manual step, every row still there, a decision made
 * before is still served, its pending event is published, and the inbox still recognises an event it
 * processed before the upgrade. The service runs as in production, on a broker of its own, apart from the
 * shared test context.
 */
// A property of its own: the default (spring.kafka.bootstrap-servers, a system property) would repoint the
// shared test context at this broker, which is gone after this class.
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "clinic.test.upgrade.brokers")
class UpgradeFromPreSupportDatabaseTest {

    static final Instant BEFORE = Instant.parse("2026-11-20T09:00:00Z").truncatedTo(ChronoUnit.MICROS);
    static final UUID DECIDED_REPORT = UUID.randomUUID();
    static final UUID PENDING_EVENT = UUID.randomUUID();
    static final UUID PROCESSED_EVENT = UUID.randomUUID();
    static final UUID PROCESSED_REPORT = UUID.randomUUID();

    @Test
    void theUpgradedDatabaseKeepsEveryRowAndTheSharedMechanismsCarryOn(EmbeddedKafkaBroker broker, @TempDir Path dataDir) {
        PreSupportDatabase database = PreSupportDatabase.h2File(dataDir, "triage");
        writeRowsAsBefore(database.jdbc());

        try (ConfigurableApplicationContext app = TriageApplication.application().run("--server.port=0",
                "--spring.datasource.url=" + database.url(),
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString())) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            Triage triage = app.getBean(Triage.class);
            assertThat(PreSupportDatabase.sharedTableVersions(jdbc)).containsExactly("0", "1", "2", "3", "5", "6", "7");
            assertThat(triage.decisionFor(DECIDED_REPORT)).get()
                    .satisfies(decision -> assertThat(decision.decidedAt()).isEqualTo(BEFORE));

            try (TopicReader decisions = new TopicReader(broker.getBrokersAsString(),
                    ClinicTopics.TRIAGE_DECISIONS.name())) {
                assertThat(decisions.awaitRecord(DECIDED_REPORT.toString()).headers().lastHeader("ce_id").value())
                        .asString().isEqualTo(PENDING_EVENT.toString());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "select sent_at is not null from outbox_event where id = ?", Boolean.class, PENDING_EVENT));

            Instant now = Instant.now();
            IncomingEvent<SymptomReportSubmitted> redelivered = new IncomingEvent<>(PROCESSED_EVENT,
                    EventType.SYMPTOM_REPORT_SUBMITTED, "/clinic/intake-service", PROCESSED_REPORT.toString(), now,
                    new SymptomReportSubmitted(PROCESSED_REPORT, now, Answers.achillesPicture().build()));
            assertThat(triage.decide(redelivered)).isEqualTo(Triage.Result.DUPLICATE_EVENT);

            assertThat(jdbc.queryForObject("select count(*) from audit_event where actor = 'dr-before'", Long.class))
                    .isEqualTo(1L);
        }
    }

    private static void writeRowsAsBefore(JdbcTemplate old) {
        TriageDecisionMade decision = new TriageEngine(HeelPainRules.ruleset())
                .evaluate(Answers.achillesPicture().diabetes().build()).toDecision(DECIDED_REPORT, BEFORE);
        OutgoingEvent event = new EventCodec("/clinic/triage-service")
                .encode(ClinicTopics.TRIAGE_DECISIONS, DECIDED_REPORT, decision, BEFORE);
        old.update("insert into triage_decision (report_id, disposition, decided_at, ruleset_id, ruleset_version, "
                        + "ruleset_hash, source_event_id, decision_json) values (?, ?, ?, ?, ?, ?, ?, ?)",
                DECIDED_REPORT, decision.disposition().name(), Timestamp.from(BEFORE), decision.ruleset().id(),
                decision.ruleset().version(), decision.ruleset().hash(), UUID.randomUUID(),
                new String(event.payload(), StandardCharsets.UTF_8));
        old.update("insert into outbox_event (id, topic, message_key, event_type, source, occurred_at, data_schema, "
                        + "payload, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                PENDING_EVENT, event.topic(), event.key(), event.type(), event.source(), Timestamp.from(BEFORE),
                event.dataSchema(), new String(event.payload(), StandardCharsets.UTF_8),
                Timestamp.from(BEFORE));
        old.update("insert into processed_message (consumer, event_id, processed_at) values ('triage-service', ?, ?)",
                PROCESSED_EVENT, Timestamp.from(BEFORE));
        old.update("insert into audit_event (occurred_at, actor, actor_role, action, object_id, outcome, http_status) "
                + "values (?, 'dr-before', 'CLINICIAN', 'DECISION_READ', ?, 'ALLOWED', 200)", Timestamp.from(BEFORE),
                DECIDED_REPORT.toString());
    }
}
