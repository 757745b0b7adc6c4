package clinic.intake.report;

import clinic.events.intake.IntakeAnswers;
import clinic.events.intake.IntakeLimits;
import clinic.events.intake.LoadChange;
import clinic.events.intake.PainAtRest;
import clinic.events.intake.PainLocation;
import clinic.events.intake.PainQuality;
import clinic.events.intake.Symptom;
import clinic.events.intake.Trend;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.Range;
import org.hibernate.validator.constraints.UniqueElements;

import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /api/v1/symptom-reports}: the patient plus every intake answer of the triage
 * policy. Every field is required; sets are JSON arrays that may be empty but must not repeat a value
 * (duplicates are rejected, not collapsed, so the client learns that it sent something odd). Wrapper
 * types let a missing field surface as a validation error that names it.
 */
record SymptomReportRequest(
        @NotNull @Valid PatientDetails patient,
        @NotNull @Range(min = IntakeLimits.AGE_MIN, max = IntakeLimits.AGE_MAX) Integer ageYears,
        @NotNull Boolean hasDiabetes,
        @NotNull PainLocation painLocation,
        @NotNull @UniqueElements List<@NotNull PainQuality> painQualities,
        @NotNull @UniqueElements List<@NotNull Symptom> symptoms,
        @NotNull Boolean worstOnFirstStepsAfterRest,
        @NotNull Boolean easesOnceMoving,
        @NotNull Boolean worseWithActivity,
        @NotNull PainAtRest painAtRest,
        @NotNull @Range(min = IntakeLimits.PAIN_SCORE_MIN, max = IntakeLimits.PAIN_SCORE_MAX) Integer painScore,
        @NotNull Trend trend,
        @NotNull Boolean worseningDespiteReducedLoad,
        @NotNull Boolean canWalkNormally,
        @NotNull Boolean canRunNormally,
        @NotNull Boolean painOnSqueezingHeelSides,
        @NotNull Boolean tenderBackOfHeelToPressure,
        @NotNull Boolean suddenOnsetWithPopOrSnap,
        @NotNull @UniqueElements List<@NotNull LoadChange> recentLoadChanges,
        @NotNull @Range(min = IntakeLimits.DURATION_DAYS_MIN, max = IntakeLimits.DURATION_DAYS_MAX)
        Integer symptomDurationDays,
        @NotNull @Range(min = IntakeLimits.REHAB_WEEKS_MIN, max = IntakeLimits.REHAB_WEEKS_MAX)
        Integer weeksOfLoadReductionAndRehab,
        @NotNull Boolean returnsWhenRunningResumes) {

    /** The clinical part only, as carried in events. Call after validation. */
    IntakeAnswers answers() {
        return new IntakeAnswers(ageYears, hasDiabetes, painLocation, Set.copyOf(painQualities),
                Set.copyOf(symptoms), worstOnFirstStepsAfterRest, easesOnceMoving, worseWithActivity, painAtRest,
                painScore, trend, worseningDespiteReducedLoad, canWalkNormally, canRunNormally,
                painOnSqueezingHeelSides, tenderBackOfHeelToPressure, suddenOnsetWithPopOrSnap,
                Set.copyOf(recentLoadChanges), symptomDurationDays, weeksOfLoadReductionAndRehab,
                returnsWhenRunningResumes);
    }

    @Override
    public String toString() {
        return "SymptomReportRequest[redacted]";
    }
}
