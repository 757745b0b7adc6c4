package clinic.events.intake;

import java.util.Set;

/**
 * The clinical answers of a heel-pain intake form, as carried in events. Deliberately holds no
 * direct identifiers: the patient's name and email stay in the intake service's database.
 */
public record IntakeAnswers(
        int ageYears,
        boolean hasDiabetes,
        PainLocation painLocation,
        Set<PainQuality> painQualities,
        Set<Symptom> symptoms,
        boolean worstOnFirstStepsAfterRest,
        boolean easesOnceMoving,
        boolean worseWithActivity,
        PainAtRest painAtRest,
        int painScore,
        Trend trend,
        boolean worseningDespiteReducedLoad,
        boolean canWalkNormally,
        boolean canRunNormally,
        boolean painOnSqueezingHeelSides,
        boolean tenderBackOfHeelToPressure,
        boolean suddenOnsetWithPopOrSnap,
        Set<LoadChange> recentLoadChanges,
        int symptomDurationDays,
        int weeksOfLoadReductionAndRehab,
        boolean returnsWhenRunningResumes) {

    public IntakeAnswers {
        painQualities = Set.copyOf(painQualities);
        symptoms = Set.copyOf(symptoms);
        recentLoadChanges = Set.copyOf(recentLoadChanges);
    }
}
