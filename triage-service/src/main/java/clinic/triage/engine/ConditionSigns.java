package clinic.triage.engine;

import clinic.events.intake.LoadChange;
import clinic.events.intake.PainAtRest;
import clinic.events.intake.PainLocation;
import clinic.events.intake.PainQuality;
import clinic.events.intake.Symptom;
import clinic.events.intake.Trend;
import clinic.events.triage.Condition;

import java.util.List;

import static clinic.events.triage.Condition.ACHILLES_TENDINOPATHY;
import static clinic.events.triage.Condition.CALCANEAL_STRESS_FRACTURE;
import static clinic.events.triage.Condition.HEEL_PAD_SYNDROME;
import static clinic.events.triage.Condition.NERVE_ENTRAPMENT;
import static clinic.events.triage.Condition.PLANTAR_HEEL_PAIN;
import static clinic.triage.engine.Checks.allOf;
import static clinic.triage.engine.Checks.anyOf;
import static clinic.triage.engine.Checks.includes;
import static clinic.triage.engine.Checks.includesAny;
import static clinic.triage.engine.Checks.includesNone;
import static clinic.triage.engine.Checks.is;
import static clinic.triage.engine.Checks.isNot;
import static clinic.triage.engine.Checks.no;
import static clinic.triage.engine.Checks.yes;
import static clinic.triage.engine.Fields.EASES_ONCE_MOVING;
import static clinic.triage.engine.Fields.PAIN_AT_REST;
import static clinic.triage.engine.Fields.PAIN_LOCATION;
import static clinic.triage.engine.Fields.PAIN_ON_SQUEEZING_HEEL_SIDES;
import static clinic.triage.engine.Fields.PAIN_QUALITIES;
import static clinic.triage.engine.Fields.RECENT_LOAD_CHANGES;
import static clinic.triage.engine.Fields.SYMPTOMS;
import static clinic.triage.engine.Fields.TENDER_BACK_OF_HEEL_TO_PRESSURE;
import static clinic.triage.engine.Fields.TREND;
import static clinic.triage.engine.Fields.WORSE_WITH_ACTIVITY;
import static clinic.triage.engine.Fields.WORST_ON_FIRST_STEPS_AFTER_REST;

/**
 * The signs that rank likely conditions, following the policy's ranking guidance. Points are tiered so
 * the guidance holds by arithmetic: a specific sign ({@value #SPECIFIC}) outweighs everything location,
 * timing and character can add up to for any other condition (at most 9); location ({@value #LOCATION})
 * leads; timing ({@value #TIMING}) and character ({@value #REFINE}) refine.
 */
final class ConditionSigns {

    static final int SPECIFIC = 10;
    static final int LOCATION = 4;
    static final int TIMING = 2;
    static final int REFINE = 1;

    private ConditionSigns() {
    }

    static List<ConditionSign> all() {
        return List.of(
                sign(PLANTAR_HEEL_PAIN, LOCATION, location(PainLocation.BOTTOM_INNER_HEEL),
                        "pain at the bottom or inner side of the heel"),
                sign(PLANTAR_HEEL_PAIN, TIMING, yes(WORST_ON_FIRST_STEPS_AFTER_REST), "worst on the first steps after rest"),
                sign(PLANTAR_HEEL_PAIN, REFINE, yes(EASES_ONCE_MOVING),
                        "eases somewhat once moving"),
                sign(PLANTAR_HEEL_PAIN, REFINE, includesAny(PAIN_QUALITIES,
                        PainQuality.SHARP, PainQuality.STABBING, PainQuality.THROBBING),
                        "sharp, stabbing or throbbing pain"),
                sign(PLANTAR_HEEL_PAIN, REFINE, includesAny(RECENT_LOAD_CHANGES,
                        LoadChange.MILEAGE, LoadChange.SPEED, LoadChange.HILLS, LoadChange.RETURN_AFTER_BREAK),
                        "a recent increase in training load"),
                sign(PLANTAR_HEEL_PAIN, -TIMING, location(PainLocation.BACK_OF_HEEL),
                        "pain at the back of the heel rather than underneath"),
                sign(PLANTAR_HEEL_PAIN, -REFINE, no(WORST_ON_FIRST_STEPS_AFTER_REST), "not worst on the first steps after rest"),

                sign(ACHILLES_TENDINOPATHY, LOCATION, location(PainLocation.BACK_OF_HEEL),
                        "pain at the back of the heel"),
                sign(ACHILLES_TENDINOPATHY, TIMING, yes(TENDER_BACK_OF_HEEL_TO_PRESSURE), "the back of the heel is tender to pressure"),
                sign(ACHILLES_TENDINOPATHY, REFINE, yes(WORSE_WITH_ACTIVITY),
                        "worse with more running or time on feet"),
                sign(ACHILLES_TENDINOPATHY, REFINE, includesAny(RECENT_LOAD_CHANGES, LoadChange.HILLS, LoadChange.MILEAGE),
                        "more hills or mileage recently"),
                sign(ACHILLES_TENDINOPATHY, -TIMING, anyOf(location(PainLocation.BOTTOM_INNER_HEEL),
                        location(PainLocation.CENTER_OF_HEEL)), "pain under the heel rather than at the back"),

                sign(CALCANEAL_STRESS_FRACTURE, SPECIFIC, yes(PAIN_ON_SQUEEZING_HEEL_SIDES), "squeezing the sides of the heel hurts"),
                sign(CALCANEAL_STRESS_FRACTURE, SPECIFIC, allOf(yes(WORSE_WITH_ACTIVITY), is(TREND, Trend.WORSENING),
                                isNot(PAIN_AT_REST, PainAtRest.NONE)),
                        "getting progressively worse with activity and lingering at rest"),
                sign(CALCANEAL_STRESS_FRACTURE, REFINE, location(PainLocation.SIDES_OF_HEEL),
                        "pain at the sides of the heel"),
                sign(CALCANEAL_STRESS_FRACTURE, REFINE, includesAny(RECENT_LOAD_CHANGES, LoadChange.MILEAGE, LoadChange.RETURN_AFTER_BREAK,
                                LoadChange.HARDER_SURFACE),
                        "more running or a harder surface recently"),
                sign(CALCANEAL_STRESS_FRACTURE, -REFINE, no(PAIN_ON_SQUEEZING_HEEL_SIDES), "squeezing the sides of the heel does not hurt"),
                sign(CALCANEAL_STRESS_FRACTURE, -REFINE, is(PAIN_AT_REST,
                        PainAtRest.NONE), "no pain at rest"),

                sign(NERVE_ENTRAPMENT, SPECIFIC, includes(PAIN_QUALITIES,
                        PainQuality.BURNING), "burning pain"),
                sign(NERVE_ENTRAPMENT, SPECIFIC, includes(SYMPTOMS, Symptom.TINGLING),
                        "tingling"),
                sign(NERVE_ENTRAPMENT, SPECIFIC, includes(SYMPTOMS, Symptom.NUMBNESS),
                        "numbness"),
                sign(NERVE_ENTRAPMENT, -REFINE, allOf(includesNone(PAIN_QUALITIES,
                                PainQuality.BURNING),
                        includesNone(SYMPTOMS, Symptom.TINGLING, Symptom.NUMBNESS)),
                        "no burning, tingling or numbness"),

                sign(HEEL_PAD_SYNDROME, LOCATION, location(PainLocation.CENTER_OF_HEEL),
                        "pain in the centre of the heel"),
                sign(HEEL_PAD_SYNDROME, TIMING, includes(PAIN_QUALITIES,
                        PainQuality.DEEP_BRUISE_LIKE), "deep, bruise-like pain"),
                sign(HEEL_PAD_SYNDROME, REFINE, includes(RECENT_LOAD_CHANGES,
                        LoadChange.HARDER_SURFACE), "running on harder surfaces recently"),
                sign(HEEL_PAD_SYNDROME, -REFINE, yes(WORST_ON_FIRST_STEPS_AFTER_REST), "first-step pain fits plantar heel pain better"));
    }

    private static Check location(PainLocation location) {
        return is(PAIN_LOCATION, location);
    }

    private static ConditionSign sign(Condition condition, int points, Check when, String evidence) {
        return new ConditionSign(condition, points, when, evidence);
    }
}
