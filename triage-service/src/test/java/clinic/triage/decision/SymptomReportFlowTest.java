package clinic.triage.decision;

import clinic.support.testing.ConsumerGroups;
import clinic.support.testing.TopicReader;
import clinic.events.ClinicTopics;
import clinic.events.CloudEventHeaders;
import clinic.events.EventCodec;
import clinic.events.OutgoingEvent;
import clinic.events.SubmittedBy;
import clinic.events.intake.Symptom;
import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.RedFlag;
import clinic.events.triage.TriageDecisionMade;
import clinic.events.triage.UrgentReviewRequested;
import clinic.support.outbox.Outbox;
import clinic.support.outbox.OutboxEntry;
import clinic.triage.testing.Answers;
import clinic.triage.testing.ReportEvents;
import clinic.triage.testing.TriageServiceTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@TriageServiceTest
class SymptomReportFlowTest {

    private static final String REASON_HEADER = "clinic-dlt-reason";

    private static TopicReader decisionsTopic;
    private static TopicReader urgentReviewsTopic;
    private static TopicReader deadLetterTopic;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    Triage triage;
    @Autowired
    Outbox outbox;
    @Autowired
    StoredDecisionRepository decisions;
    @Autowired
    EventCodec codec;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EmbeddedKafkaBroker broker;

    @BeforeAll
    static void openReaders(@Autowired EmbeddedKafkaBroker broker) {
        decisionsTopic = new TopicReader(broker.getBrokersAsString(), ClinicTopics.TRIAGE_DECISIONS.name());
        urgentReviewsTopic = new TopicReader(broker.getBrokersAsString(), ClinicTopics.URGENT_REVIEWS.name());
        deadLetterTopic = new TopicReader(broker.getBrokersAsString(),
                ClinicTopics.SYMPTOM_REPORTS.deadLetterTopic());
    }

    @AfterAll
    static void closeReaders() {
        decisionsTopic.close();
        urgentReviewsTopic.close();
        deadLetterTopic.close();
    }

    @Test
    void theEventsOfADecisionNameTheReportsSubmitterAsTheReportEventDid() throws Exception {
        UUID reportId = UUID.randomUUID();
        OutgoingEvent report = SubmittedBy.client("clinic-integration").stamp(ReportEvents.encoded(reportId,
                Answers.plantarPicture().score(8).with(Symptom.SWELLING).build()));
        kafka.send(EventCodec.toProducerRecord(report)).get();

        ConsumerRecord<String, byte[]> decision = decisionsTopic.awaitRecords(reportId.toString(), 1).get(0);
        ConsumerRecord<String, byte[]> review = urgentReviewsTopic.awaitRecords(reportId.toString(), 1).get(0);

        for (ConsumerRecord<String, byte[]> published : List.of(decision, review)) {
            assertThat(SubmittedBy.of(codec.decode(published.headers(), published.value())))
                    .contains(SubmittedBy.client("clinic-integration"));
        }
    }

    @Test
    void selfCareReportIsStoredAndPublishedAsADecisionOnly() throws Exception {
        UUID reportId = UUID.randomUUID();
        kafka.send(EventCodec.toProducerRecord(ReportEvents.encoded(reportId, Answers.plantarPicture().build())))
                .get();

        ConsumerRecord<String, byte[]> published = decisionsTopic.awaitRecords(reportId.toString(), 1).get(0);

        assertCloudEventHeaders(published, ClinicTopics.TRIAGE_DECISIONS.eventType().type(), reportId);
        TriageDecisionMade decision = codec.decode(ClinicTopics.TRIAGE_DECISIONS, published.headers(),
                published.value()).data();
        assertThat(decision.disposition()).isEqualTo(Disposition.SELF_CARE);
        assertThat(decision.selfCarePlan()).isNotNull();
        assertThat(triage.decisionFor(reportId)).contains(decision);
        assertThat(outbox.entriesFor(reportId.toString())).extracting(OutboxEntry::topic)
                .containsExactly(ClinicTopics.TRIAGE_DECISIONS.name());
        assertThat(urgentReviewsTopic.drain(reportId.toString())).isEmpty();
        await().untilAsserted(() -> assertThat(outbox.entriesFor(reportId.toString()))
                .allSatisfy(entry -> assertThat(entry.sentAt()).isNotNull()));
    }

    @Test
    void redFlagReportAlsoRaisesAnUrgentReview() throws Exception {
        UUID reportId = UUID.randomUUID();
        kafka.send(EventCodec.toProducerRecord(ReportEvents.encoded(reportId,
                Answers.achillesPicture().with(Symptom.FEVER).build()))).get();

        ConsumerRecord<String, byte[]> alert = urgentReviewsTopic.awaitRecords(reportId.toString(), 1).get(0);
        ConsumerRecord<String, byte[]> published = decisionsTopic.awaitRecords(reportId.toString(), 1).get(0);

        assertCloudEventHeaders(alert, ClinicTopics.URGENT_REVIEWS.eventType().type(), reportId);
        UrgentReviewRequested review = codec.decode(ClinicTopics.URGENT_REVIEWS, alert.headers(), alert.value())
                .data();
        assertThat(review.disposition()).isEqualTo(Disposition.URGENT_REVIEW);
        assertThat(review.redFlags()).containsExactly(RedFlag.FEVER);
        assertThat(review.rulesFired()).extracting(FiredRule::ruleId).containsExactly("RF-FEVER");
        assertThat(review.ruleset().hash()).matches("[0-9a-f]{64}");
        TriageDecisionMade decision = codec.decode(ClinicTopics.TRIAGE_DECISIONS, published.headers(),
                published.value()).data();
        assertThat(decision.disposition()).isEqualTo(Disposition.URGENT_REVIEW);
        assertThat(decision.selfCarePlan()).isNull();
    }

    @Test
    void redeliveriesAndReplaysOfADecidedReportCreateNothingNew() throws Exception {
        UUID reportId = UUID.randomUUID();
        OutgoingEvent event = ReportEvents.encoded(reportId, Answers.quiet().poppedOrSnapped().build());
        kafka.send(ReportEvents.record(event, 0)).get();
        kafka.send(ReportEvents.record(event, 0)).get();
        kafka.send(ReportEvents.record(ReportEvents.withNewEventId(event), 0)).get();
        UUID marker = sendMarkerReport(0);

        // records of a partition are handled in order: once the marker is decided, so are the three above
        await().atMost(Duration.ofSeconds(30)).until(() -> triage.decisionFor(marker).isPresent());

        assertThat(decisions.findById(reportId)).get()
                .satisfies(stored -> assertThat(stored.sourceEventId()).isEqualTo(event.id()));
        assertThat(outbox.entriesFor(reportId.toString())).extracting(OutboxEntry::topic).containsExactlyInAnyOrder(
                ClinicTopics.TRIAGE_DECISIONS.name(), ClinicTopics.URGENT_REVIEWS.name());
        assertThat(urgentReviewsTopic.awaitRecords(reportId.toString(), 1)).hasSize(1);
        assertThat(decisionsTopic.awaitRecords(reportId.toString(), 1)).hasSize(1);
        assertThat(deadLetterTopic.drain(reportId.toString())).as("redeliveries are not failures").isEmpty();
    }

    @Test
    void aReplayOfTheWholeTopicFromOffsetZeroCreatesNothingNew() throws Exception {
        UUID reportId = UUID.randomUUID();
        kafka.send(EventCodec.toProducerRecord(ReportEvents.encoded(reportId,
                Answers.achillesPicture().with(Symptom.FEVER).build()))).get();
        await().atMost(Duration.ofSeconds(30)).until(() -> triage.decisionFor(reportId).isPresent());
        String topic = ClinicTopics.SYMPTOM_REPORTS.name();
        ConsumerGroups.awaitCaughtUp(broker.getBrokersAsString(), "triage-service", topic, 3);
        List<Map<String, Object>> decisionsBefore = rows("select report_id, source_event_id, decided_at "
                + "from triage_decision order by report_id");
        List<Map<String, Object>> processedBefore = rows("select consumer, event_id from processed_message "
                + "order by consumer, event_id");
        List<Map<String, Object>> outboxBefore = rows("select id from outbox_event order by id");

        List<ConsumerRecord<String, byte[]>> everything;
        try (TopicReader reader = new TopicReader(broker.getBrokersAsString(), topic)) {
            everything = reader.allRecords();
        }
        for (ConsumerRecord<String, byte[]> record : everything) {
            kafka.send(new ProducerRecord<>(topic, record.partition(), record.key(), record.value(), record.headers()));
        }
        kafka.flush();
        ConsumerGroups.awaitCaughtUp(broker.getBrokersAsString(), "triage-service", topic, 3);

        assertThat(everything).hasSizeGreaterThanOrEqualTo(1);
        assertThat(rows("select report_id, source_event_id, decided_at from triage_decision order by report_id"))
                .isEqualTo(decisionsBefore);
        assertThat(rows("select consumer, event_id from processed_message order by consumer, event_id"))
                .isEqualTo(processedBefore);
        assertThat(rows("select id from outbox_event order by id")).isEqualTo(outboxBefore);
    }

    private List<Map<String, Object>> rows(String sql) {
        return jdbc.queryForList(sql);
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicAndThePartitionMovesOn() throws Exception {
        String junkKey = "junk-" + UUID.randomUUID();
        byte[] junk = new byte[64];
        new Random(1).nextBytes(junk);
        kafka.send(new ProducerRecord<>(ClinicTopics.SYMPTOM_REPORTS.name(), 2, junkKey, junk)).get();

        UUID unreadableId = UUID.randomUUID();
        OutgoingEvent unreadable = withPayload(ReportEvents.encoded(unreadableId, Answers.quiet().build()), junk);
        kafka.send(ReportEvents.record(unreadable, 2)).get();

        UUID offContractId = UUID.randomUUID();
        byte[] offContract = ("{\"reportId\":\"" + offContractId + "\",\"submittedAt\":\"2026-05-01T08:00:00Z\","
                + "\"answers\":{\"ageYears\":400}}").getBytes(StandardCharsets.UTF_8);
        kafka.send(ReportEvents.record(withPayload(ReportEvents.encoded(offContractId, Answers.quiet().build()),
                offContract), 2)).get();
        UUID good = sendMarkerReport(2);

        await().atMost(Duration.ofSeconds(30)).until(() -> triage.decisionFor(good).isPresent());

        ConsumerRecord<String, byte[]> junkLetter = deadLetterTopic.awaitRecords(junkKey, 1).get(0);
        assertThat(junkLetter.value()).isEqualTo(junk);
        assertThat(reason(junkLetter)).startsWith("MISSING_HEADER");
        ConsumerRecord<String, byte[]> unreadableLetter = deadLetterTopic.awaitRecords(unreadableId.toString(), 1)
                .get(0);
        assertThat(reason(unreadableLetter)).startsWith("UNREADABLE_PAYLOAD");
        ConsumerRecord<String, byte[]> offContractLetter = deadLetterTopic.awaitRecords(offContractId.toString(), 1)
                .get(0);
        assertThat(offContractLetter.value()).isEqualTo(offContract);
        assertThat(reason(offContractLetter)).startsWith("SCHEMA_VIOLATION").doesNotContain("400");
        for (ConsumerRecord<String, byte[]> letter : List.of(junkLetter, unreadableLetter, offContractLetter)) {
            assertThat(letter.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNull();
            assertThat(letter.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).isNull();
            assertThat(letter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC)).isNotNull();
        }
        assertThat(triage.decisionFor(unreadableId)).isEmpty();
        assertThat(triage.decisionFor(offContractId)).isEmpty();
    }

    private UUID sendMarkerReport(int partition) throws Exception {
        UUID marker = UUID.randomUUID();
        kafka.send(ReportEvents.record(ReportEvents.encoded(marker, Answers.plantarPicture().build()), partition))
                .get();
        return marker;
    }

    private static OutgoingEvent withPayload(OutgoingEvent event, byte[] payload) {
        return new OutgoingEvent(event.id(), event.topic(), event.key(), event.type(), event.source(), event.time(),
                event.dataSchema(), payload);
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(REASON_HEADER);
        assertThat(header).as("dead letter carries a %s header", REASON_HEADER).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private void assertCloudEventHeaders(ConsumerRecord<String, byte[]> record, String type, UUID reportId) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        assertThat(header(headers, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(headers, CloudEventHeaders.TYPE)).isEqualTo(type);
        assertThat(header(headers, CloudEventHeaders.SOURCE)).isEqualTo("/clinic/triage-service");
        assertThat(header(headers, CloudEventHeaders.SUBJECT)).isEqualTo(reportId.toString());
        assertThat(header(headers, CloudEventHeaders.DATA_SCHEMA)).isEqualTo("urn:clinic:schema:" + type);
        assertThat(header(headers, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(header(headers, CloudEventHeaders.TIME)).isNotBlank();
        String ceId = header(headers, CloudEventHeaders.ID);
        assertThat(outbox.entriesFor(reportId.toString())).extracting(entry -> entry.id().toString()).contains(ceId);
        assertThat(record.key()).isEqualTo(reportId.toString());
    }

    private static String header(RecordHeaders headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
