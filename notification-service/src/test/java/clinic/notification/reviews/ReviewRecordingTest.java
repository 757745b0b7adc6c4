package clinic.notification.reviews;

import clinic.events.OutgoingEvent;
import clinic.events.triage.Condition;
import clinic.events.triage.Disposition;
import clinic.notification.NotificationServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static clinic.notification.TestEvents.decision;
import static clinic.notification.TestEvents.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every decision that reaches notification is kept for its case page, once per report. */
@NotificationServiceTest
class ReviewRecordingTest {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    Reviews reviews;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aDecisionIsKeptWithItsRulesConditionsAndRulesetAndOpensAReview() {
        UUID reportId = UUID.randomUUID();

        send(kafka, decision(reportId, Disposition.URGENT_REVIEW));

        RecordedDecision recorded = await().atMost(Duration.ofSeconds(10))
                .until(() -> reviews.find(reportId), java.util.Optional::isPresent).orElseThrow().decision();
        assertThat(recorded.disposition()).isEqualTo(Disposition.URGENT_REVIEW);
        assertThat(recorded.redFlags()).extracting(Enum::name).containsExactly("FEVER");
        assertThat(recorded.rulesFired()).singleElement()
                .satisfies(rule -> assertThat(rule.source()).isEqualTo("Source statement for FEVER"));
        assertThat(recorded.likelyConditions()).singleElement()
                .satisfies(condition -> assertThat(condition.evidence()).containsExactly("+ bottom or inner heel"));
        Map<String, Object> row = jdbc.queryForMap("select * from review where report_id = ?", reportId);
        assertThat(row).containsEntry("rules_disposition", "URGENT_REVIEW")
                .containsEntry("rules_top_condition", Condition.PLANTAR_HEEL_PAIN.name())
                .containsEntry("ruleset_id", "heel-pain").containsEntry("ruleset_version", "1.0.0");
        assertThat(row.get("closed_at")).as("open until a clinician closes it").isNull();
    }

    @Test
    void aSecondDecisionEventForTheSameReportChangesNothing() {
        UUID reportId = UUID.randomUUID();
        send(kafka, decision(reportId, Disposition.ROUTINE_REVIEW));
        await().atMost(Duration.ofSeconds(10)).until(() -> reviews.find(reportId).isPresent());

        OutgoingEvent second = decision(reportId, Disposition.EMERGENCY);
        send(kafka, second);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from processed_message where event_id = ?", Long.class, second.id()) == 1);

        assertThat(jdbc.queryForObject("select rules_disposition from review where report_id = ?", String.class,
                reportId)).isEqualTo("ROUTINE_REVIEW");
        assertThat(jdbc.queryForObject("select count(*) from review where report_id = ?", Long.class, reportId))
                .isEqualTo(1);
    }
}
