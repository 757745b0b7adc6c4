package clinic.events.review;

/**
 * The condition a clinician found on review: one of the five the rules rank, or neither ({@code OTHER}: another
 * diagnosis; {@code UNKNOWN}: not determined yet). A code, never free text.
 */
public enum ReviewedCondition {
    PLANTAR_HEEL_PAIN, ACHILLES_TENDINOPATHY, CALCANEAL_STRESS_FRACTURE, NERVE_ENTRAPMENT, HEEL_PAD_SYNDROME,
    OTHER, UNKNOWN
}
