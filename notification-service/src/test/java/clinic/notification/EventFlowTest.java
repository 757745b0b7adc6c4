package clinic.notification;

import clinic.support.testing.ConsumerGroups;
import clinic.support.testing.TopicReader;
import clinic.events.ClinicTopics;
import clinic.events.OutgoingEvent;
import clinic.events.triage.TriageDecisionMade;
import clinic.events.triage.Disposition;
import clinic.notification.log.Channel;
import clinic.notification.log.Notification;
import clinic.notification.log.NotificationKind;
import clinic.notification.log.NotificationRepository;
import clinic.notification.log.Priority;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static clinic.notification.TestEvents.decision;
import static clinic.notification.TestEvents.send;
import static clinic.notification.TestEvents.urgentReview;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@NotificationServiceTest
class EventFlowTest {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    NotificationRepository notifications;

    @Autowired
    JsonMapper json;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    void urgentReviewBecomesOneClinicianAlertWithTheFiredRulesReasons() {
        UUID reportId = UUID.randomUUID();
        OutgoingEvent event = urgentReview(reportId, Disposition.URGENT_REVIEW);

        send(kafka, event);

        Notification alert = awaitNotifications(reportId, 1).get(0);
        assertThat(alert.kind()).isEqualTo(NotificationKind.CLINICIAN_ALERT);
        assertThat(alert.channel()).isEqualTo(Channel.CLINICIAN_DASHBOARD);
        assertThat(alert.priority()).isEqualTo(Priority.P2);
        assertThat(alert.sourceEventId()).isEqualTo(event.id());
        assertThat(new DeliveryLog(jdbc).of(reportId)).extracting(d -> d.channel() + "/" + d.recipient() + "/" + d.level())
                .containsExactlyInAnyOrder("EMAIL/CLINICIAN/0", "WEBHOOK/CLINICIAN/0");
        assertThat(alert.escalationLevel()).isZero();
        assertThat(alert.nextEscalationAt()).isEqualTo(alert.createdAt().plus(Duration.ofMinutes(30)));
        JsonNode content = json.readTree(alert.content());
        assertThat(content.at("/disposition").asString()).isEqualTo("URGENT_REVIEW");
        assertThat(content.at("/redFlags/0").asString()).isEqualTo("FEVER");
        assertThat(content.at("/reasons/0/ruleId").asString()).isEqualTo("RF-FEVER");
        assertThat(content.at("/reasons/0/because/0").asString()).isEqualTo("answer triggering FEVER");
        assertThat(content.at("/reasons/0/source").asString()).isEqualTo("Source statement for FEVER");
    }

    @Test
    void selfCareDecisionBecomesOnePatientNoticeCarryingThePlan() {
        UUID reportId = UUID.randomUUID();

        send(kafka, decision(reportId, Disposition.SELF_CARE));

        Notification notice = awaitNotifications(reportId, 1).get(0);
        assertThat(notice.kind()).isEqualTo(NotificationKind.PATIENT_NOTICE);
        assertThat(notice.channel()).isEqualTo(Channel.PATIENT_MESSAGE);
        assertThat(notice.priority()).isEqualTo(Priority.P4);
        assertThat(notice.nextEscalationAt()).isNull();
        assertThat(new DeliveryLog(jdbc).of(reportId)).extracting(d -> d.channel() + "/" + d.recipient() + "/" + d.level())
                .containsExactly("EMAIL/PATIENT/0");
        JsonNode content = json.readTree(notice.content());
        assertThat(content.at("/disposition").asString()).isEqualTo("SELF_CARE");
        assertThat(content.at("/plan/summary").asString()).isEqualTo("Likely plantar heel pain: start with self-care");
        assertThat(content.at("/plan/advice/0").asString()).isEqualTo("Reduce painful miles for a while");
        assertThat(content.at("/plan/watchFor").size()).isEqualTo(2);
        assertThat(content.at("/plan/recheck").asString()).isEqualTo("Re-check in 2 weeks");
    }

    @Test
    void routineReviewDecisionGivesInterimAdviceAndOneRoutineReviewItem() {
        UUID reportId = UUID.randomUUID();

        send(kafka, decision(reportId, Disposition.ROUTINE_REVIEW));

        List<Notification> rows = awaitNotifications(reportId, 2);
        Notification notice = only(rows, NotificationKind.PATIENT_NOTICE);
        assertThat(notice.channel()).isEqualTo(Channel.PATIENT_MESSAGE);
        assertThat(notice.priority()).isEqualTo(Priority.P3);
        JsonNode noticeContent = json.readTree(notice.content());
        assertThat(noticeContent.at("/headline").asString()).contains("clinician will review");
        assertThat(noticeContent.at("/plan/summary").asString())
                .isEqualTo("Interim advice until a clinician reviews your report");

        Notification item = only(rows, NotificationKind.ROUTINE_REVIEW_ITEM);
        assertThat(item.channel()).isEqualTo(Channel.CLINICIAN_DASHBOARD);
        assertThat(item.priority()).isEqualTo(Priority.P3);
        assertThat(json.readTree(item.content()).at("/reasons/0/ruleId").asString()).isEqualTo("RT-DIABETES");
        // The routine item waits in the dashboard queue: only the patient notice is emailed.
        assertThat(new DeliveryLog(jdbc).of(reportId)).singleElement()
                .satisfies(d -> assertThat(d.notificationId()).isEqualTo(notice.id()));
    }

    @Test
    void aRoutineReviewDecisionWithoutAPlanStillGivesTheReviewItemAndASafeGenericNotice() {
        UUID reportId = UUID.randomUUID();

        send(kafka, withoutPlan(reportId, Disposition.ROUTINE_REVIEW));

        List<Notification> rows = awaitNotifications(reportId, 2);
        JsonNode notice = json.readTree(only(rows, NotificationKind.PATIENT_NOTICE).content());
        assertThat(notice.at("/headline").asString()).isEqualTo("A clinician will review your answers");
        assertThat(notice.at("/plan").isNull()).isTrue();
        Notification item = only(rows, NotificationKind.ROUTINE_REVIEW_ITEM);
        assertThat(item.priority()).isEqualTo(Priority.P3);
        assertThat(json.readTree(item.content()).at("/planMissing").asBoolean()).isTrue();
        assertThat(json.readTree(item.content()).at("/reasons/0/ruleId").asString()).isEqualTo("RT-DIABETES");
    }

    @Test
    void aSelfCareDecisionWithoutAPlanIsPutBeforeAClinicianAsItsNoticePromises() {
        UUID reportId = UUID.randomUUID();

        send(kafka, withoutPlan(reportId, Disposition.SELF_CARE));

        List<Notification> rows = awaitNotifications(reportId, 2);
        assertThat(json.readTree(only(rows, NotificationKind.PATIENT_NOTICE).content()).at("/headline").asString())
                .isEqualTo("A clinician will review your answers");
        assertThat(json.readTree(only(rows, NotificationKind.ROUTINE_REVIEW_ITEM).content()).at("/disposition")
                .asString()).isEqualTo("SELF_CARE");
    }

    private static OutgoingEvent withoutPlan(UUID reportId, Disposition disposition) {
        TriageDecisionMade planned = TestEvents.decisionPayload(reportId, disposition);
        TriageDecisionMade decision = new TriageDecisionMade(reportId, disposition, planned.redFlags(),
                planned.likelyConditions(), planned.rulesFired(), null, planned.ruleset(), planned.decidedAt());
        return TestEvents.TRIAGE_CODEC.encode(ClinicTopics.TRIAGE_DECISIONS, reportId, decision, TestEvents.TIME);
    }

    @Test
    void aReplayOfBothTopicsFromOffsetZeroCreatesNothingNew() {
        UUID reportId = UUID.randomUUID();
        send(kafka, decision(reportId, Disposition.URGENT_REVIEW));
        send(kafka, urgentReview(reportId, Disposition.URGENT_REVIEW));
        awaitNotifications(reportId, 2);
        List<String> topics = List.of(ClinicTopics.TRIAGE_DECISIONS.name(), ClinicTopics.URGENT_REVIEWS.name());
        topics.forEach(topic -> ConsumerGroups.awaitCaughtUp(brokers, "notification-service", topic, 3));
        List<Map<String, Object>> notificationsBefore = notificationRows();
        List<Map<String, Object>> processedBefore = processedRows();
        List<Map<String, Object>> deliveriesBefore = deliveryRows();
        List<Map<String, Object>> feedBefore = feedRows();

        int replayed = 0;
        for (String topic : topics) {
            try (TopicReader reader = new TopicReader(brokers, topic)) {
                for (ConsumerRecord<String, byte[]> record : reader.allRecords()) {
                    send(kafka, new ProducerRecord<>(topic, record.partition(), record.key(), record.value(),
                            record.headers()));
                    replayed++;
                }
            }
        }
        topics.forEach(topic -> ConsumerGroups.awaitCaughtUp(brokers, "notification-service", topic, 3));

        assertThat(replayed).isGreaterThanOrEqualTo(2);
        assertThat(notificationRows()).isEqualTo(notificationsBefore);
        assertThat(processedRows()).isEqualTo(processedBefore);
        assertThat(deliveryRows()).isEqualTo(deliveriesBefore);
        assertThat(feedRows()).isEqualTo(feedBefore);
    }

    /** What a replay could add to (the status columns move on their own as messages go out). */
    private List<Map<String, Object>> notificationRows() {
        return jdbc.sql("select notification_id, report_id, kind, channel, source_event_id "
                + "from notification order by notification_id").query().listOfRows();
    }

    private List<Map<String, Object>> deliveryRows() {
        return jdbc.sql("select delivery_id, notification_id, channel, recipient, escalation_level "
                + "from delivery order by delivery_id").query().listOfRows();
    }

    private List<Map<String, Object>> feedRows() {
        return jdbc.sql("select feed_id, alert_id, event_type from alert_feed where event_type = 'ALERT_RAISED' "
                + "order by feed_id").query().listOfRows();
    }

    private List<Map<String, Object>> processedRows() {
        return jdbc.sql("select consumer, event_id, processed_at from processed_message order by consumer, event_id")
                .query().listOfRows();
    }

    @Test
    void emergencyDecisionAndUrgentReviewGiveAP1AlertAndAnEmergencyNotice() {
        UUID reportId = UUID.randomUUID();

        send(kafka, decision(reportId, Disposition.EMERGENCY));
        send(kafka, urgentReview(reportId, Disposition.EMERGENCY));

        List<Notification> rows = awaitNotifications(reportId, 2);
        Notification alert = only(rows, NotificationKind.CLINICIAN_ALERT);
        assertThat(alert.priority()).isEqualTo(Priority.P1);
        assertThat(json.readTree(alert.content()).at("/redFlags/0").asString())
                .isEqualTo("SUSPECTED_RUPTURE_OR_FRACTURE");
        Notification notice = only(rows, NotificationKind.PATIENT_NOTICE);
        assertThat(notice.priority()).isEqualTo(Priority.P1);
        JsonNode content = json.readTree(notice.content());
        assertThat(content.at("/headline").asString()).isEqualTo("Seek emergency care now");
        assertThat(content.at("/message").asString()).contains("A clinician will also contact you");
        assertThat(content.at("/plan").isNull()).isTrue();
    }

    @Test
    void redeliveredAndRepublishedEventsCreateNoNewNotifications() {
        UUID routineReport = UUID.randomUUID();
        UUID urgentReport = UUID.randomUUID();
        OutgoingEvent decision = decision(routineReport, Disposition.ROUTINE_REVIEW);
        OutgoingEvent review = urgentReview(urgentReport, Disposition.URGENT_REVIEW);
        int decisionPartition = send(kafka, decision).partition();
        int reviewPartition = send(kafka, review).partition();
        List<UUID> routineRows = ids(awaitNotifications(routineReport, 2));
        List<UUID> urgentRows = ids(awaitNotifications(urgentReport, 1));

        send(kafka, decision);
        send(kafka, review);
        OutgoingEvent republishedDecision = decision(routineReport, Disposition.ROUTINE_REVIEW);
        OutgoingEvent republishedReview = urgentReview(urgentReport, Disposition.URGENT_REVIEW);
        send(kafka, republishedDecision);
        send(kafka, republishedReview);
        // Records behind the duplicates on the same partitions: once these are handled, so are the duplicates.
        UUID decisionSentinel = UUID.randomUUID();
        UUID reviewSentinel = UUID.randomUUID();
        send(kafka, decision(decisionSentinel, Disposition.SELF_CARE), decisionPartition);
        send(kafka, urgentReview(reviewSentinel, Disposition.URGENT_REVIEW), reviewPartition);
        awaitNotifications(decisionSentinel, 1);
        awaitNotifications(reviewSentinel, 1);

        assertThat(ids(notifications.findByReportIdOrderByCreatedAtAscIdAsc(routineReport)))
                .containsExactlyInAnyOrderElementsOf(routineRows);
        assertThat(ids(notifications.findByReportIdOrderByCreatedAtAscIdAsc(urgentReport)))
                .containsExactlyInAnyOrderElementsOf(urgentRows);
        assertThat(notifications.findByReportIdOrderByCreatedAtAscIdAsc(routineReport))
                .allSatisfy(n -> assertThat(n.sourceEventId()).isEqualTo(decision.id()));
        // The republished events were handled (not failed and dead-lettered): they simply added nothing.
        assertThat(processedCount(republishedDecision)).isEqualTo(1);
        assertThat(processedCount(republishedReview)).isEqualTo(1);
        assertThat(processedCount(decision)).isEqualTo(1);
    }

    private int processedCount(OutgoingEvent event) {
        return jdbc.sql("select count(*) from processed_message where event_id = ?").param(event.id())
                .query(Integer.class).single();
    }

    @Test
    void countsRecordedNotificationsByKindAndChannel() {
        double before = recordedCount("PATIENT_NOTICE", "PATIENT_MESSAGE");

        send(kafka, decision(UUID.randomUUID(), Disposition.SELF_CARE));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> recordedCount("PATIENT_NOTICE", "PATIENT_MESSAGE") == before + 1);
        assertThat(meters.find("clinic.notifications.recorded").counters())
                .allSatisfy(counter -> assertThat(counter.getId().getTags())
                        .extracting(tag -> tag.getKey()).containsExactlyInAnyOrder("kind", "channel"));
    }

    private double recordedCount(String kind, String channel) {
        Counter counter = meters.find("clinic.notifications.recorded").tags("kind", kind, "channel", channel).counter();
        return counter == null ? 0 : counter.count();
    }

    private List<Notification> awaitNotifications(UUID reportId, int count) {
        List<Notification> rows = await().atMost(Duration.ofSeconds(30))
                .until(() -> notifications.findByReportIdOrderByCreatedAtAscIdAsc(reportId),
                        found -> found.size() >= count);
        assertThat(rows).as("notifications of report %s", reportId).hasSize(count);
        return rows;
    }

    private static Notification only(List<Notification> rows, NotificationKind kind) {
        List<Notification> ofKind = rows.stream().filter(n -> n.kind() == kind).toList();
        assertThat(ofKind).as("notifications of kind %s", kind).hasSize(1);
        return ofKind.get(0);
    }

    private static List<UUID> ids(List<Notification> rows) {
        return rows.stream().map(Notification::id).sorted(Comparator.naturalOrder()).toList();
    }
}
