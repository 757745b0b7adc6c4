package clinic.events.triage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code clinic.triage.decision-made.v1}, published for every decided report.
 * {@code selfCarePlan} is present for SELF_CARE (the plan) and ROUTINE_REVIEW (interim advice).
 */
public record TriageDecisionMade(
        UUID reportId,
        Disposition disposition,
        List<RedFlag> redFlags,
        List<LikelyCondition> likelyConditions,
        List<FiredRule> rulesFired,
        SelfCarePlan selfCarePlan,
        RulesetRef ruleset,
        Instant decidedAt) {

    public TriageDecisionMade {
        redFlags = List.copyOf(redFlags);
        likelyConditions = List.copyOf(likelyConditions);
        rulesFired = List.copyOf(rulesFired);
    }
}
