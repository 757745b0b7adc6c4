package clinic.events.intake;

/** Symptoms that come with the heel pain. Values are part of the public intake contract (triage-policy.md). */
public enum Symptom {
    NUMBNESS, TINGLING, SWELLING, BRUISING, FEVER
}
