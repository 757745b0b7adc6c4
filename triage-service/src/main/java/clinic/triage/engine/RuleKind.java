package clinic.triage.engine;

/** Whether a rule raises a red flag (a named warning sign) or is another reason for clinician review. */
public enum RuleKind {
    RED_FLAG("red-flag"), REVIEW_TRIGGER("review-trigger");

    private final String label;

    RuleKind(String label) {
        this.label = label;
    }

    /** The name clinicians see, e.g. {@code red-flag}. */
    public String label() {
        return label;
    }
}
