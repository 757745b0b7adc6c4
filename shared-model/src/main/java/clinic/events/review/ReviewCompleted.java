package clinic.events.review;

import clinic.events.triage.Condition;
import clinic.events.triage.Disposition;
import clinic.events.triage.RulesetRef;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code clinic.notification.review-completed.v1}: a clinician closed the review of a report, recording
 * the disposition they judged right and the condition they found, beside what the rules said. Ids, dispositions
 * and condition codes only: the clinician's note is patient data and stays in the notification service.
 *
 * @param rulesTopCondition the rules' top-ranked condition; null when none scored
 * @param reviewedBy        the clinician's id at the issuer (a subject, never a name)
 */
public record ReviewCompleted(
        UUID reportId,
        RulesetRef ruleset,
        Disposition rulesDisposition,
        Condition rulesTopCondition,
        Disposition clinicianDisposition,
        ReviewedCondition clinicianCondition,
        String reviewedBy,
        Instant completedAt) {
}
