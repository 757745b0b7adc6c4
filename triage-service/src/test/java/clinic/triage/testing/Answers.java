package clinic.triage.testing;

import clinic.events.intake.IntakeAnswers;
import clinic.events.intake.LoadChange;
import clinic.events.intake.PainAtRest;
import clinic.events.intake.PainLocation;
import clinic.events.intake.PainQuality;
import clinic.events.intake.Symptom;
import clinic.events.intake.Trend;

import java.util.EnumSet;
import java.util.Set;

/**
 * Builds intake answers for tests. Starts from a quiet report that fires no rule (an adult with mild,
 * stable, aching heel pain and nothing else), so each test changes only what it is about.
 */
public final class Answers {

    private int ageYears = 35;
    private boolean hasDiabetes;
    private PainLocation painLocation = PainLocation.UNSURE;
    private Set<PainQuality> painQualities = EnumSet.of(PainQuality.ACHING);
    private Set<Symptom> symptoms = EnumSet.noneOf(Symptom.class);
    private boolean worstOnFirstStepsAfterRest;
    private boolean easesOnceMoving;
    private boolean worseWithActivity;
    private PainAtRest painAtRest = PainAtRest.NONE;
    private int painScore = 3;
    private Trend trend = Trend.STABLE;
    private boolean worseningDespiteReducedLoad;
    private boolean canWalkNormally = true;
    private boolean canRunNormally = true;
    private boolean painOnSqueezingHeelSides;
    private boolean tenderBackOfHeelToPressure;
    private boolean suddenOnsetWithPopOrSnap;
    private Set<LoadChange> recentLoadChanges = EnumSet.noneOf(LoadChange.class);
    private int symptomDurationDays = 14;
    private int weeksOfLoadReductionAndRehab;
    private boolean returnsWhenRunningResumes;

    public static Answers quiet() {
        return new Answers();
    }

    public Answers age(int years) {
        ageYears = years;
        return this;
    }

    public Answers diabetes() {
        hasDiabetes = true;
        return this;
    }

    public Answers at(PainLocation location) {
        painLocation = location;
        return this;
    }

    public Answers feels(PainQuality... qualities) {
        painQualities = EnumSet.noneOf(PainQuality.class);
        painQualities.addAll(Set.of(qualities));
        return this;
    }

    public Answers with(Symptom... more) {
        symptoms.addAll(Set.of(more));
        return this;
    }

    public Answers worstOnFirstSteps() {
        worstOnFirstStepsAfterRest = true;
        return this;
    }

    public Answers easesOnceMoving() {
        easesOnceMoving = true;
        return this;
    }

    public Answers worseWithActivity() {
        worseWithActivity = true;
        return this;
    }

    public Answers restPain(PainAtRest level) {
        painAtRest = level;
        return this;
    }

    public Answers score(int score) {
        painScore = score;
        return this;
    }

    public Answers trend(Trend direction) {
        trend = direction;
        return this;
    }

    public Answers worseningDespiteReducedLoad() {
        worseningDespiteReducedLoad = true;
        return this;
    }

    public Answers cannotWalkNormally() {
        canWalkNormally = false;
        return this;
    }

    public Answers cannotRunNormally() {
        canRunNormally = false;
        return this;
    }

    public Answers hurtsWhenHeelSidesSqueezed() {
        painOnSqueezingHeelSides = true;
        return this;
    }

    public Answers tenderAtBack() {
        tenderBackOfHeelToPressure = true;
        return this;
    }

    public Answers poppedOrSnapped() {
        suddenOnsetWithPopOrSnap = true;
        return this;
    }

    public Answers loadChanges(LoadChange... changes) {
        recentLoadChanges.addAll(Set.of(changes));
        return this;
    }

    public Answers days(int days) {
        symptomDurationDays = days;
        return this;
    }

    public Answers rehabWeeks(int weeks, boolean returnsOnRunning) {
        weeksOfLoadReductionAndRehab = weeks;
        returnsWhenRunningResumes = returnsOnRunning;
        return this;
    }

    public IntakeAnswers build() {
        return new IntakeAnswers(ageYears, hasDiabetes, painLocation, painQualities, symptoms,
                worstOnFirstStepsAfterRest, easesOnceMoving, worseWithActivity, painAtRest, painScore, trend,
                worseningDespiteReducedLoad, canWalkNormally, canRunNormally, painOnSqueezingHeelSides,
                tenderBackOfHeelToPressure, suddenOnsetWithPopOrSnap, recentLoadChanges, symptomDurationDays,
                weeksOfLoadReductionAndRehab, returnsWhenRunningResumes);
    }

    // Typical pictures, in our own words.

    /** A runner who upped the weekly distance: sharp pain under the inner heel, worst on getting up. */
    public static Answers plantarPicture() {
        return quiet().at(PainLocation.BOTTOM_INNER_HEEL).feels(PainQuality.SHARP).worstOnFirstSteps()
                .easesOnceMoving().loadChanges(LoadChange.MILEAGE).score(4);
    }

    /** Hill repeats, then an ache at the back of the heel that is sore to press and worse on longer runs. */
    public static Answers achillesPicture() {
        return quiet().at(PainLocation.BACK_OF_HEEL).feels(PainQuality.ACHING).tenderAtBack().worseWithActivity()
                .loadChanges(LoadChange.HILLS).score(4);
    }

    /** Deep, bruise-like pain in the middle of the heel after moving to road running. */
    public static Answers heelPadPicture() {
        return quiet().at(PainLocation.CENTER_OF_HEEL).feels(PainQuality.DEEP_BRUISE_LIKE)
                .loadChanges(LoadChange.HARDER_SURFACE).score(3);
    }

    /** Burning under the heel, otherwise a first-steps pattern. */
    public static Answers nervePicture() {
        return quiet().at(PainLocation.BOTTOM_INNER_HEEL).feels(PainQuality.BURNING).worstOnFirstSteps()
                .easesOnceMoving().score(3);
    }

    /** Sore heel sides after a jump in mileage on tarmac; squeezing the heel hurts. */
    public static Answers stressFracturePicture() {
        return quiet().at(PainLocation.SIDES_OF_HEEL).hurtsWhenHeelSidesSqueezed()
                .loadChanges(LoadChange.MILEAGE, LoadChange.HARDER_SURFACE).score(5);
    }
}
