package clinic.notification.reviews;

import clinic.events.review.ReviewedCondition;
import clinic.events.triage.Condition;
import clinic.events.triage.Disposition;

import java.time.Instant;
import java.util.UUID;

/**
 * A review as the case and agreement pages show it: the rules' decision and, once closed ({@code closedAt} set),
 * the clinician's disposition, condition and note. The note is patient data ({@link #toString()} leaves it out).
 */
public record ReviewView(UUID reportId, RecordedDecision decision, Condition rulesTopCondition, Instant closedAt,
                         String closedBy, Disposition clinicianDisposition, ReviewedCondition clinicianCondition,
                         String note) {

    public boolean closed() {
        return closedAt != null;
    }

    /** The clinician judged it more urgent than the rules did: under-triage caught in review. */
    public boolean moreUrgentThanTheRules() {
        return closed() && clinicianDisposition.isMoreUrgentThan(decision.disposition());
    }

    @Override
    public String toString() {
        return "ReviewView[reportId=" + reportId + ", closed=" + closed() + ", redacted]";
    }
}
