package clinic.events.intake;

/** Pain when not weight-bearing. Values are part of the public intake contract (triage-policy.md). */
public enum PainAtRest {
    NONE, MILD, SIGNIFICANT
}
