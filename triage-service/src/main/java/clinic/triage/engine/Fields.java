package clinic.triage.engine;

import clinic.events.intake.IntakeAnswers;
import clinic.events.intake.LoadChange;
import clinic.events.intake.PainAtRest;
import clinic.events.intake.PainLocation;
import clinic.events.intake.PainQuality;
import clinic.events.intake.Symptom;
import clinic.events.intake.Trend;

import java.util.List;
import java.util.Set;

/**
 * The clinical answers of the intake contract (triage-policy.md, "Intake answers"), in contract order,
 * with the values the contract allows. The patient's reference, name and email never reach the engine.
 */
public final class Fields {

    public static final Field<Integer> AGE_YEARS = Field.number("ageYears", 1, 120, IntakeAnswers::ageYears);
    public static final Field<Boolean> HAS_DIABETES = Field.yesNo("hasDiabetes", IntakeAnswers::hasDiabetes);
    public static final Field<PainLocation> PAIN_LOCATION = Field.choice("painLocation", PainLocation.class,
            IntakeAnswers::painLocation);
    public static final Field<Set<PainQuality>> PAIN_QUALITIES = Field.choices("painQualities",
            PainQuality.class, IntakeAnswers::painQualities);
    public static final Field<Set<Symptom>> SYMPTOMS = Field.choices("symptoms", Symptom.class,
            IntakeAnswers::symptoms);
    public static final Field<Boolean> WORST_ON_FIRST_STEPS_AFTER_REST = Field.yesNo("worstOnFirstStepsAfterRest",
            IntakeAnswers::worstOnFirstStepsAfterRest);
    public static final Field<Boolean> EASES_ONCE_MOVING = Field.yesNo("easesOnceMoving",
            IntakeAnswers::easesOnceMoving);
    public static final Field<Boolean> WORSE_WITH_ACTIVITY = Field.yesNo("worseWithActivity",
            IntakeAnswers::worseWithActivity);
    public static final Field<PainAtRest> PAIN_AT_REST = Field.choice("painAtRest", PainAtRest.class,
            IntakeAnswers::painAtRest);
    public static final Field<Integer> PAIN_SCORE = Field.number("painScore", 0, 10, IntakeAnswers::painScore);
    public static final Field<Trend> TREND = Field.choice("trend", Trend.class, IntakeAnswers::trend);
    public static final Field<Boolean> WORSENING_DESPITE_REDUCED_LOAD = Field.yesNo("worseningDespiteReducedLoad",
            IntakeAnswers::worseningDespiteReducedLoad);
    public static final Field<Boolean> CAN_WALK_NORMALLY = Field.yesNo("canWalkNormally",
            IntakeAnswers::canWalkNormally);
    public static final Field<Boolean> CAN_RUN_NORMALLY = Field.yesNo("canRunNormally",
            IntakeAnswers::canRunNormally);
    public static final Field<Boolean> PAIN_ON_SQUEEZING_HEEL_SIDES = Field.yesNo("painOnSqueezingHeelSides",
            IntakeAnswers::painOnSqueezingHeelSides);
    public static final Field<Boolean> TENDER_BACK_OF_HEEL_TO_PRESSURE = Field.yesNo("tenderBackOfHeelToPressure",
            IntakeAnswers::tenderBackOfHeelToPressure);
    public static final Field<Boolean> SUDDEN_ONSET_WITH_POP_OR_SNAP = Field.yesNo("suddenOnsetWithPopOrSnap",
            IntakeAnswers::suddenOnsetWithPopOrSnap);
    public static final Field<Set<LoadChange>> RECENT_LOAD_CHANGES = Field.choices("recentLoadChanges",
            LoadChange.class, IntakeAnswers::recentLoadChanges);
    public static final Field<Integer> SYMPTOM_DURATION_DAYS = Field.number("symptomDurationDays", 0, 3650,
            IntakeAnswers::symptomDurationDays);
    public static final Field<Integer> WEEKS_OF_LOAD_REDUCTION_AND_REHAB = Field.number(
            "weeksOfLoadReductionAndRehab", 0, 520, IntakeAnswers::weeksOfLoadReductionAndRehab);
    public static final Field<Boolean> RETURNS_WHEN_RUNNING_RESUMES = Field.yesNo("returnsWhenRunningResumes",
            IntakeAnswers::returnsWhenRunningResumes);

    /** Every clinical answer, in contract order. */
    public static final List<Field<?>> ALL = List.of(AGE_YEARS, HAS_DIABETES, PAIN_LOCATION, PAIN_QUALITIES,
            SYMPTOMS, WORST_ON_FIRST_STEPS_AFTER_REST, EASES_ONCE_MOVING, WORSE_WITH_ACTIVITY, PAIN_AT_REST,
            PAIN_SCORE, TREND, WORSENING_DESPITE_REDUCED_LOAD, CAN_WALK_NORMALLY, CAN_RUN_NORMALLY,
            PAIN_ON_SQUEEZING_HEEL_SIDES, TENDER_BACK_OF_HEEL_TO_PRESSURE, SUDDEN_ONSET_WITH_POP_OR_SNAP,
            RECENT_LOAD_CHANGES, SYMPTOM_DURATION_DAYS, WEEKS_OF_LOAD_REDUCTION_AND_REHAB,
            RETURNS_WHEN_RUNNING_RESUMES);

    private Fields() {
    }
}
