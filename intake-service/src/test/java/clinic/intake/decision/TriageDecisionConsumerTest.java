package clinic.intake.decision;

import clinic.support.testing.ConsumerGroups;
import clinic.support.testing.TopicReader;
import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.events.OutgoingEvent;
import clinic.events.triage.Disposition;
import clinic.events.triage.RulesetRef;
import clinic.events.triage.SelfCarePlan;
import clinic.events.triage.TriageDecisionMade;
import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.TestReports;
import clinic.intake.TriageDecisions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Triage decisions move a report to TRIAGED exactly once; undecodable records are dead-lettered. */
@IntakeServiceTest
class TriageDecisionConsumerTest {

    static final String TOPIC = "clinic.triage-decisions.v1";
    static final RulesetRef RULESET = new RulesetRef("heel-pain", "1.0.0", "b".repeat(64));

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    final EventCodec triage = new EventCodec("/clinic/triage-service");
    IntakeHttp http;

    @BeforeEach
    void setUp() {
        http = new IntakeHttp(port);
    }

    @Test
    void marksTheReportTriagedWithTheDisposition() {
        UUID reportId = submitReport();
        Instant decidedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        publish(decision(reportId, Disposition.URGENT_REVIEW, decidedAt));

        JsonNode status = awaitTriaged(reportId);
        assertThat(status.get("disposition").asString()).isEqualTo("URGENT_REVIEW");
        assertThat(status.get("submittedAt").isString()).isTrue();
        Map<String, Object> row = jdbc.queryForMap("select status, disposition from symptom_report where id = ?",
                reportId);
        assertThat(row).containsEntry("status", "TRIAGED").containsEntry("disposition", "URGENT_REVIEW");
    }

    @Test
    void storesTheDecisionsSelfCarePlanWithTheStatusAndShowsItInTheStatusJson() {
        UUID reportId = submitReport();
        SelfCarePlan plan = TriageDecisions.plan("stored");

        publish(TriageDecisions.decision(reportId, Disposition.SELF_CARE, plan));

        JsonNode status = awaitTriaged(reportId);
        assertThat(status.propertyNames()).containsExactlyInAnyOrder("reportId", "status", "submittedAt",
                "disposition", "selfCarePlan");
        JsonNode shown = status.get("selfCarePlan");
        assertThat(shown.get("summary").asString()).isEqualTo(plan.summary());
        assertThat(shown.get("advice").valueStream().map(JsonNode::asString).toList()).isEqualTo(plan.advice());
        assertThat(shown.get("watchFor").valueStream().map(JsonNode::asString).toList()).isEqualTo(plan.watchFor());
        assertThat(shown.get("howToGetHelp").asString()).isEqualTo(plan.howToGetHelp());
        assertThat(shown.get("expectedCourse").asString()).isEqualTo(plan.expectedCourse());
        assertThat(shown.get("recheck").asString()).isEqualTo(plan.recheck());
        assertThat(jdbc.queryForObject("select self_care_plan from symptom_report where id = ?", String.class,
                reportId)).contains(plan.summary(), plan.recheck());
    }

    @Test
    void aDecisionWithoutAPlanLeavesItOutOfTheStatusJson() {
        UUID reportId = submitReport();

        publish(TriageDecisions.decision(reportId, Disposition.URGENT_REVIEW, null));

        assertThat(awaitTriaged(reportId).has("selfCarePlan")).isFalse();
        assertThat(jdbc.queryForObject("select self_care_plan from symptom_report where id = ?", String.class,
                reportId)).isNull();
    }

    @Test
    void aMoreUrgentDecisionReplacesThePlanAndALessUrgentOneLeavesItAlone() {
        UUID reportId = submitReport();
        publish(TriageDecisions.decision(reportId, Disposition.SELF_CARE, TriageDecisions.plan("first")));
        awaitTriaged(reportId);

        awaitConsumedPast(publish(TriageDecisions.decision(reportId, Disposition.ROUTINE_REVIEW,
                TriageDecisions.plan("interim"))));
        assertThat(status(reportId).get("selfCarePlan").get("summary").asString()).isEqualTo("Summary interim");

        awaitConsumedPast(publish(TriageDecisions.decision(reportId, Disposition.SELF_CARE,
                TriageDecisions.plan("later"))));
        assertThat(status(reportId).get("selfCarePlan").get("summary").asString()).isEqualTo("Summary interim");

        awaitConsumedPast(publish(TriageDecisions.decision(reportId, Disposition.EMERGENCY, null)));
        assertThat(status(reportId).has("selfCarePlan")).as("an emergency carries no self-care plan").isFalse();
    }

    @Test
    void ignoresARedeliveredDecision() {
        UUID reportId = submitReport();
        OutgoingEvent event = decision(reportId, Disposition.SELF_CARE, Instant.now());
        publish(event);
        awaitTriaged(reportId);
        Map<String, Object> afterFirst = reportRow(reportId);

        RecordMetadata redelivery = publish(event);
        awaitConsumedPast(redelivery);

        assertThat(jdbc.queryForObject("select count(*) from processed_message where event_id = ?", Long.class,
                event.id())).isEqualTo(1L);
        assertThat(reportRow(reportId)).isEqualTo(afterFirst);
        try (TopicReader deadLetters = new TopicReader(brokers, TOPIC + ".dlt")) {
            assertThat(deadLetters.allRecords(reportId.toString())).as("a repeat is skipped, not failed").isEmpty();
        }
    }

    @Test
    void aReplayOfTheWholeTopicFromOffsetZeroChangesNothing() {
        UUID reportId = submitReport();
        publish(decision(reportId, Disposition.ROUTINE_REVIEW, Instant.now()));
        awaitTriaged(reportId);
        ConsumerGroups.awaitCaughtUp(brokers, "intake-service", TOPIC, 3);
        List<Map<String, Object>> reportsBefore = allReports();
        List<Map<String, Object>> processedBefore = allProcessed();

        List<ConsumerRecord<String, byte[]>> everything;
        try (TopicReader reader = new TopicReader(brokers, TOPIC)) {
            everything = reader.allRecords();
        }
        for (ConsumerRecord<String, byte[]> record : everything) {
            kafka.send(new ProducerRecord<>(TOPIC, record.partition(), record.key(), record.value(), record.headers()));
        }
        kafka.flush();
        ConsumerGroups.awaitCaughtUp(brokers, "intake-service", TOPIC, 3);

        assertThat(everything).as("the replay covers this test's decision at least").isNotEmpty();
        assertThat(allReports()).isEqualTo(reportsBefore);
        assertThat(allProcessed()).isEqualTo(processedBefore);
    }

    private List<Map<String, Object>> allReports() {
        return jdbc.queryForList("select id, status, disposition, triaged_at, version from symptom_report order by id");
    }

    private List<Map<String, Object>> allProcessed() {
        return jdbc.queryForList("select consumer, event_id, processed_at from processed_message "
                + "order by consumer, event_id");
    }

    @Test
    void aLaterMoreUrgentDecisionRaisesTheDispositionButALessUrgentOneNeverLowersIt() {
        UUID reportId = submitReport();
        publish(decision(reportId, Disposition.SELF_CARE, Instant.now()));
        awaitTriaged(reportId);

        awaitConsumedPast(publish(decision(reportId, Disposition.EMERGENCY, Instant.now())));
        assertThat(reportRow(reportId)).containsEntry("disposition", "EMERGENCY");

        awaitConsumedPast(publish(decision(reportId, Disposition.ROUTINE_REVIEW, Instant.now())));
        assertThat(reportRow(reportId)).containsEntry("disposition", "EMERGENCY");
    }

    @Test
    void deadLettersRandomBytesWithAReason() {
        byte[] garbage = new byte[64];
        new Random(7).nextBytes(garbage);
        String key = "garbage-" + UUID.randomUUID();

        kafka.send(new ProducerRecord<>(TOPIC, key, garbage));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(key);
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(header(dead, "clinic-dlt-reason")).startsWith("MISSING_HEADER");
        assertThat(dead.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNull();
        assertThat(dead.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).isNull();
        assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(TOPIC);
    }

    @Test
    void deadLettersCloudEventWhoseDataIsNotJson() {
        UUID reportId = UUID.randomUUID();
        ProducerRecord<String, byte[]> valid = EventCodec.toProducerRecord(
                decision(reportId, Disposition.SELF_CARE, Instant.now()));
        byte[] garbage = "\u0000\u0001 not json".getBytes(StandardCharsets.UTF_8);

        kafka.send(new ProducerRecord<>(TOPIC, null, valid.key(), garbage, valid.headers()));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(reportId.toString());
        assertThat(header(dead, "clinic-dlt-reason")).startsWith("UNREADABLE_PAYLOAD");
    }

    @Test
    void deadLettersADecisionForAnUnknownReport() {
        UUID unknownReport = UUID.randomUUID();
        OutgoingEvent event = decision(unknownReport, Disposition.URGENT_REVIEW, Instant.now());

        publish(event);

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(unknownReport.toString());
        assertThat(header(dead, "clinic-dlt-reason")).isEqualTo("UNKNOWN_REPORT: no symptom report " + unknownReport);
        assertThat(header(dead, "ce_id")).isEqualTo(event.id().toString());
        assertThat(jdbc.queryForObject("select count(*) from processed_message where event_id = ?", Long.class,
                event.id())).isZero();
    }

    private OutgoingEvent decision(UUID reportId, Disposition disposition, Instant decidedAt) {
        TriageDecisionMade decision = new TriageDecisionMade(reportId, disposition, List.of(), List.of(), List.of(),
                null, RULESET, decidedAt);
        return triage.encode(ClinicTopics.TRIAGE_DECISIONS, reportId, decision, decidedAt);
    }

    private RecordMetadata publish(OutgoingEvent event) {
        try {
            return kafka.send(EventCodec.toProducerRecord(event)).get(10, TimeUnit.SECONDS).getRecordMetadata();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the service's consumer group has committed an offset beyond this record. */
    private void awaitConsumedPast(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("intake-service")
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).get(partition);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }

    private JsonNode awaitTriaged(UUID reportId) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "TRIAGED".equals(status(reportId).get("status").asString()));
        return status(reportId);
    }

    private JsonNode status(UUID reportId) {
        HttpResponse<String> response = http.get("/api/v1/symptom-reports/" + reportId);
        assertThat(response.statusCode()).isEqualTo(200);
        return IntakeHttp.json(response);
    }

    private Map<String, Object> reportRow(UUID reportId) {
        return jdbc.queryForMap("select status, disposition, triaged_at, version from symptom_report where id = ?",
                reportId);
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        try (TopicReader reader = new TopicReader(brokers, TOPIC + ".dlt")) {
            return reader.awaitRecord(key);
        }
    }

    private UUID submitReport() {
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
