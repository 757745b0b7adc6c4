package clinic.events.intake;

/** Direction of the pain over the last week. Values are part of the public intake contract (triage-policy.md). */
public enum Trend {
    IMPROVING, STABLE, WORSENING
}
