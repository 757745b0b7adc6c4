package clinic.events.intake;

/** Recent training changes. Values are part of the public intake contract (triage-policy.md). */
public enum LoadChange {
    MILEAGE, SPEED, HILLS, RETURN_AFTER_BREAK, HARDER_SURFACE
}
