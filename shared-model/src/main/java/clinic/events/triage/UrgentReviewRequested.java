package clinic.events.triage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code clinic.triage.urgent-review-requested.v1}: a clinician must look at this report
 * (EMERGENCY first, then URGENT_REVIEW). Carries the reasons so an alert can be written without
 * another lookup, and never the patient's identity.
 */
public record UrgentReviewRequested(
        UUID reportId,
        Disposition disposition,
        List<RedFlag> redFlags,
        List<FiredRule> rulesFired,
        RulesetRef ruleset,
        Instant requestedAt) {

    public UrgentReviewRequested {
        redFlags = List.copyOf(redFlags);
        rulesFired = List.copyOf(rulesFired);
    }
}
