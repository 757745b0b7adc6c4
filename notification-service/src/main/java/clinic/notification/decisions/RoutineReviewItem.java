package clinic.notification.decisions;

import clinic.events.triage.FiredRule;
import clinic.events.triage.LikelyCondition;
import clinic.events.triage.RedFlag;
import clinic.events.triage.RulesetRef;
import clinic.events.triage.TriageDecisionMade;

import java.time.Instant;
import java.util.List;

/** What the clinicians' routine queue needs to review a report (stored as JSON content). */
record RoutineReviewItem(List<RedFlag> redFlags, List<LikelyCondition> likelyConditions, List<FiredRule> reasons,
                         RulesetRef ruleset, Instant decidedAt) {

    static RoutineReviewItem of(TriageDecisionMade decision) {
        return new RoutineReviewItem(decision.redFlags(), decision.likelyConditions(), decision.rulesFired(),
                decision.ruleset(), decision.decidedAt());
    }
}
