package clinic.notification.alerts;

import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.RedFlag;
import clinic.events.triage.RulesetRef;
import clinic.events.triage.UrgentReviewRequested;

import java.time.Instant;
import java.util.List;

/**
 * What a clinician alert holds (stored as the notification's JSON content): the disposition, the red
 * flags and the rules that fired with their reasons and sources. No patient identity.
 */
record AlertContent(Disposition disposition, List<RedFlag> redFlags, List<FiredRule> reasons, RulesetRef ruleset,
                    Instant requestedAt) {

    static AlertContent of(UrgentReviewRequested review) {
        return new AlertContent(review.disposition(), review.redFlags(), review.rulesFired(), review.ruleset(),
                review.requestedAt());
    }
}
