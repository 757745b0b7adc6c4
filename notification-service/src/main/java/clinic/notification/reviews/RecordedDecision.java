package clinic.notification.reviews;

import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.LikelyCondition;
import clinic.events.triage.RedFlag;
import clinic.events.triage.RulesetRef;
import clinic.events.triage.TriageDecisionMade;

import java.time.Instant;
import java.util.List;

/**
 * The rules' decision as a clinician reviews it: red flags, every fired rule with its reason and source, the
 * ranked conditions with their evidence, and the ruleset that decided. No patient data (the events carry none).
 */
public record RecordedDecision(Disposition disposition, List<RedFlag> redFlags,
                               List<LikelyCondition> likelyConditions, List<FiredRule> rulesFired,
                               RulesetRef ruleset, Instant decidedAt) {

    static RecordedDecision of(TriageDecisionMade decision) {
        return new RecordedDecision(decision.disposition(), decision.redFlags(), decision.likelyConditions(),
                decision.rulesFired(), decision.ruleset(), decision.decidedAt());
    }
}
