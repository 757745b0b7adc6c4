package clinic.notification.pages;

import clinic.events.triage.FiredRule;
import clinic.events.triage.LikelyCondition;
import clinic.notification.alerts.AlertView;
import clinic.notification.contacts.CaseFile;
import clinic.notification.log.NotificationView;
import clinic.notification.reviews.RecordedDecision;
import clinic.notification.reviews.ReviewView;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Everything the case page shows about one report, in words: who to contact and the answers (from intake, for
 * this view only; {@code contactUnavailable} when intake could not be asked), the rules' decision, the alert,
 * the notifications with every delivery attempt, and the review's outcome once closed.
 */
public record CaseView(UUID reportId, CaseFile caseFile, boolean contactUnavailable, Decision decision,
                       AlertView alert, List<NotificationView> notifications, ReviewView review) {

    /** The rules' decision as words: absent (null) when the decision has not reached this service. */
    public record Decision(String disposition, List<String> redFlags, List<Rule> rules, List<Ranked> conditions,
                           String rulesetId, String rulesetVersion, String rulesetHash, Instant decidedAt) {

        static Decision of(RecordedDecision decision) {
            return new Decision(Labels.of(decision.disposition()),
                    decision.redFlags().stream().map(Labels::of).toList(),
                    decision.rulesFired().stream().map(Rule::of).toList(),
                    decision.likelyConditions().stream().map(Ranked::of).toList(),
                    decision.ruleset().id(), decision.ruleset().version(), decision.ruleset().hash(),
                    decision.decidedAt());
        }
    }

    /** A fired rule: its id, what it proposes, the answers that triggered it and the statement it rests on. */
    public record Rule(String ruleId, String disposition, List<String> because, String source) {

        static Rule of(FiredRule rule) {
            return new Rule(rule.ruleId(), Labels.of(rule.disposition()), rule.because(), rule.source());
        }
    }

    /** A ranked condition with its score and the evidence for and against it. */
    public record Ranked(String condition, int score, List<String> evidence) {

        static Ranked of(LikelyCondition condition) {
            return new Ranked(Labels.of(condition.condition()), condition.score(), condition.evidence());
        }
    }

    public boolean alertOpen() {
        return alert != null && alert.status() == AlertView.Status.OPEN;
    }

    public boolean reviewClosed() {
        return review != null && review.closed();
    }

    @Override
    public String toString() {
        return "CaseView[reportId=" + reportId + ", redacted]";
    }
}
