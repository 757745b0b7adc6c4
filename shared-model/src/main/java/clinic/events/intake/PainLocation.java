package clinic.events.intake;

/** Where the heel hurts most. Values are part of the public intake contract (triage-policy.md). */
public enum PainLocation {
    BOTTOM_INNER_HEEL, BACK_OF_HEEL, CENTER_OF_HEEL, SIDES_OF_HEEL, UNSURE
}
