package clinic.events.triage;

/**
 * Triage outcome. Declared most urgent first, so a lower ordinal always means more urgent; the
 * "most urgent wins" rule of the policy relies on that order.
 */
public enum Disposition {
    EMERGENCY, URGENT_REVIEW, ROUTINE_REVIEW, SELF_CARE;

    public boolean isMoreUrgentThan(Disposition other) {
        return ordinal() < other.ordinal();
    }

    public static Disposition mostUrgent(Disposition a, Disposition b) {
        return a.isMoreUrgentThan(b) ? a : b;
    }

    /** EMERGENCY and URGENT_REVIEW go to a clinician through the urgent-review topic. */
    public boolean needsUrgentReview() {
        return this == EMERGENCY || this == URGENT_REVIEW;
    }
}
