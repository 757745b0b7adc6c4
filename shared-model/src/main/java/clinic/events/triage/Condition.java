package clinic.events.triage;

/** Likely conditions the triage engine ranks (a transparent score, not a diagnosis). */
public enum Condition {
    PLANTAR_HEEL_PAIN, ACHILLES_TENDINOPATHY, CALCANEAL_STRESS_FRACTURE, NERVE_ENTRAPMENT, HEEL_PAD_SYNDROME
}
