package clinic.triage.engine;

import clinic.events.triage.Condition;
import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.LikelyCondition;
import clinic.events.triage.RedFlag;
import clinic.events.triage.RulesetRef;
import clinic.events.triage.SelfCarePlan;
import clinic.events.triage.TriageDecisionMade;
import clinic.events.triage.UrgentReviewRequested;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the engine concluded from one set of answers. Holds no report id and no time: those belong to
 * the caller, so the engine stays a pure function of the answers.
 */
public record TriageOutcome(
        Disposition disposition,
        List<RedFlag> redFlags,
        List<LikelyCondition> likelyConditions,
        List<FiredRule> rulesFired,
        SelfCarePlan selfCarePlan,
        RulesetRef ruleset) {

    public TriageOutcome {
        redFlags = List.copyOf(redFlags);
        likelyConditions = List.copyOf(likelyConditions);
        rulesFired = List.copyOf(rulesFired);
    }

    /** The top-ranked condition, or null if the ranking could not be made. */
    public Condition topCondition() {
        return likelyConditions.isEmpty() ? null : likelyConditions.get(0).condition();
    }

    public TriageDecisionMade toDecision(UUID reportId, Instant decidedAt) {
        return new TriageDecisionMade(reportId, disposition, redFlags, likelyConditions, rulesFired, selfCarePlan,
                ruleset, decidedAt);
    }

    /** The request for a clinician, with every fired rule; only for EMERGENCY and URGENT_REVIEW. */
    public UrgentReviewRequested toUrgentReview(UUID reportId, Instant requestedAt) {
        if (!disposition.needsUrgentReview()) {
            throw new IllegalStateException(disposition + " does not need an urgent review");
        }
        return new UrgentReviewRequested(reportId, disposition, redFlags, rulesFired, ruleset, requestedAt);
    }
}
