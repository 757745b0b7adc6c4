package clinic.notification.pages;

import clinic.events.ClinicTopics;
import clinic.events.review.ReviewedCondition;
import clinic.events.triage.Disposition;
import clinic.events.triage.RulesetRef;
import clinic.events.triage.TriageDecisionMade;
import clinic.notification.NotificationServiceTest;
import clinic.notification.TestEvents;
import clinic.notification.reviews.Reviews;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agreement page: per ruleset version, the rules' disposition against the clinicians', the agreement rates,
 * and the under-triaged cases linked to their case pages. A ruleset version of this test's own keeps the figures
 * apart from other tests' reviews.
 */
@NotificationServiceTest
class AgreementPageTest {

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    Reviews reviews;

    @Test
    void countsAgreementPerRulesetVersionAndListsTheCasesJudgedMoreUrgent() {
        String version = "7." + ThreadLocalRandom.current().nextInt(1_000_000) + ".0";
        UUID agreed = decided(version, Disposition.URGENT_REVIEW);
        UUID underTriaged = decided(version, Disposition.ROUTINE_REVIEW);
        UUID overTriaged = decided(version, Disposition.URGENT_REVIEW);
        UUID undetermined = decided(version, Disposition.SELF_CARE);
        reviews.close(agreed, Disposition.URGENT_REVIEW, ReviewedCondition.PLANTAR_HEEL_PAIN, null, "dr-a");
        reviews.close(underTriaged, Disposition.EMERGENCY, ReviewedCondition.CALCANEAL_STRESS_FRACTURE, null, "dr-b");
        reviews.close(overTriaged, Disposition.SELF_CARE, ReviewedCondition.PLANTAR_HEEL_PAIN, null, "dr-a");
        reviews.close(undetermined, Disposition.SELF_CARE, ReviewedCondition.UNKNOWN, null, "dr-c");

        HttpResponse<String> shown = PageClient.signedIn(port, "dr-agree", "CLINICIAN").get("/agreement");
        assertThat(shown.statusCode()).isEqualTo(200);
        String page = shown.body();

        String section = page.substring(page.indexOf("Ruleset heel-pain " + version));
        section = section.substring(0, section.contains("<section") ? section.indexOf("<section") : section.length());
        assertThat(section).contains("<dd>4</dd>")
                // URGENT->URGENT and SELF_CARE->SELF_CARE agreed; ROUTINE->EMERGENCY and URGENT->SELF_CARE did not
                .containsPattern("class=\"rate-disposition\">50% \\(2 of 4\\)")
                // the top condition is plantar heel pain in every decision: 2 agreed of the 3 determined
                .containsPattern("class=\"rate-condition\">67% \\(2 of 3\\)")
                .containsPattern("<th scope=\"row\">Routine review</th>\\s*<td>1</td>\\s*<td>0</td>\\s*<td>0</td>"
                        + "\\s*<td>0</td>\\s*<td>1</td>")
                .contains("href=\"/cases/" + underTriaged + "\"")
                .doesNotContain("/cases/" + overTriaged, "/cases/" + agreed);
    }

    /** A decision of this ruleset version that has reached the service: an open review. */
    private UUID decided(String version, Disposition disposition) {
        UUID reportId = UUID.randomUUID();
        TriageDecisionMade usual = TestEvents.decisionPayload(reportId, disposition);
        TriageDecisionMade ofVersion = new TriageDecisionMade(reportId, disposition, usual.redFlags(),
                usual.likelyConditions(), usual.rulesFired(), usual.selfCarePlan(),
                new RulesetRef("heel-pain", version, "b".repeat(64)), usual.decidedAt());
        TestEvents.send(kafka, TestEvents.TRIAGE_CODEC.encode(ClinicTopics.TRIAGE_DECISIONS, reportId, ofVersion,
                TestEvents.TIME));
        await().atMost(Duration.ofSeconds(10)).until(() -> reviews.find(reportId).isPresent());
        return reportId;
    }
}
