package clinic.notification.decisions;

import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.LikelyCondition;
import clinic.events.triage.RedFlag;
import clinic.events.triage.RulesetRef;
import clinic.events.triage.TriageDecisionMade;

import java.time.Instant;
import java.util.List;

/**
 * What the clinicians' routine queue needs to review a report (stored as JSON content). {@code planMissing}
 * marks a decision that came without its self-care plan: the patient was told a clinician will review the
 * answers instead.
 */
record RoutineReviewItem(Disposition disposition, List<RedFlag> redFlags, List<LikelyCondition> likelyConditions,
                         List<FiredRule> reasons, RulesetRef ruleset, Instant decidedAt, boolean planMissing) {

    static RoutineReviewItem of(TriageDecisionMade decision, boolean planMissing) {
        return new RoutineReviewItem(decision.disposition(), decision.redFlags(), decision.likelyConditions(),
                decision.rulesFired(), decision.ruleset(), decision.decidedAt(), planMissing);
    }
}
