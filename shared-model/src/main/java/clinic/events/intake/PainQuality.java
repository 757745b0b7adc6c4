package clinic.events.intake;

/** What the pain feels like. Values are part of the public intake contract (triage-policy.md). */
public enum PainQuality {
    SHARP, STABBING, THROBBING, ACHING, DEEP_BRUISE_LIKE, BURNING
}
