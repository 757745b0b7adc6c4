package clinic.triage.engine;

import clinic.events.intake.PainAtRest;
import clinic.events.intake.PainQuality;
import clinic.events.intake.Symptom;
import clinic.events.intake.Trend;
import clinic.events.triage.RedFlag;

import java.util.List;

import static clinic.events.triage.Disposition.EMERGENCY;
import static clinic.events.triage.Disposition.ROUTINE_REVIEW;
import static clinic.events.triage.Disposition.URGENT_REVIEW;
import static clinic.triage.engine.Checks.allOf;
import static clinic.triage.engine.Checks.anyOf;
import static clinic.triage.engine.Checks.atLeast;
import static clinic.triage.engine.Checks.below;
import static clinic.triage.engine.Checks.includes;
import static clinic.triage.engine.Checks.includesNone;
import static clinic.triage.engine.Checks.is;
import static clinic.triage.engine.Checks.isNot;
import static clinic.triage.engine.Checks.no;
import static clinic.triage.engine.Checks.yes;
import static clinic.triage.engine.Fields.AGE_YEARS;
import static clinic.triage.engine.Fields.CAN_RUN_NORMALLY;
import static clinic.triage.engine.Fields.CAN_WALK_NORMALLY;
import static clinic.triage.engine.Fields.HAS_DIABETES;
import static clinic.triage.engine.Fields.PAIN_AT_REST;
import static clinic.triage.engine.Fields.PAIN_ON_SQUEEZING_HEEL_SIDES;
import static clinic.triage.engine.Fields.PAIN_QUALITIES;
import static clinic.triage.engine.Fields.PAIN_SCORE;
import static clinic.triage.engine.Fields.RETURNS_WHEN_RUNNING_RESUMES;
import static clinic.triage.engine.Fields.SUDDEN_ONSET_WITH_POP_OR_SNAP;
import static clinic.triage.engine.Fields.SYMPTOMS;
import static clinic.triage.engine.Fields.TREND;
import static clinic.triage.engine.Fields.WEEKS_OF_LOAD_REDUCTION_AND_REHAB;
import static clinic.triage.engine.Fields.WORSENING_DESPITE_REDUCED_LOAD;
import static clinic.triage.engine.Fields.WORSE_WITH_ACTIVITY;

/**
 * The heel-pain triage rules of the clinic's triage policy (triage-policy.md): every red flag and every
 * other review trigger, in the order of the policy's tables. Sources quote the Feelwell article the
 * policy is drawn from, or name the guidance the policy itself adopts.
 */
public final class HeelPainRules {

    public static final String ID = "heel-pain-triage";
    public static final String VERSION = "1.1.0";

    static final String ARTICLE = "Feelwell, \"Why Your Heel Hurts After Running\" (Lars, 2026)";
    static final String POLICY = "Clinic heel-pain triage policy";

    private static final String SEEK_SOONER = ARTICLE + ", \"What runners should not ignore\": get assessed"
            + " sooner if heel pain \"is accompanied by swelling, bruising, numbness, tingling, fever,"
            + " or significant pain at rest\"";

    private HeelPainRules() {
    }

    /** The active ruleset: these rules plus the likely-condition signs of {@link ConditionSigns}. */
    public static Ruleset ruleset() {
        return new Ruleset(ID, VERSION, rules(), ConditionSigns.all());
    }

    public static List<Rule> rules() {
        return List.of(
                Rule.redFlag("RF-SUSPECTED-RUPTURE-OR-FRACTURE", RedFlag.SUSPECTED_RUPTURE_OR_FRACTURE, EMERGENCY,
                        yes(SUDDEN_ONSET_WITH_POP_OR_SNAP),
                        "Pain that began suddenly with a pop or snap, or a feeling of being kicked in the back of"
                                + " the heel, can mean a torn Achilles tendon or a broken bone: emergency care now.",
                        POLICY + ", dispositions (after NHS and Mayo Clinic \"when to seek care\" advice):"
                                + " EMERGENCY is \"possible tendon rupture or fracture\""),
                symptomFlag("RF-FEVER", RedFlag.FEVER, Symptom.FEVER,
                        "Fever together with heel pain can point to an infection; a clinician should see it the"
                                + " same day."),
                symptomFlag("RF-NUMBNESS", RedFlag.NUMBNESS, Symptom.NUMBNESS,
                        "Numbness can mean a nerve is compressed or damaged; a clinician should assess it the"
                                + " same day."),
                symptomFlag("RF-TINGLING", RedFlag.TINGLING, Symptom.TINGLING,
                        "Tingling can mean a nerve is involved; a clinician should assess it the same day."),
                symptomFlag("RF-SWELLING", RedFlag.SWELLING, Symptom.SWELLING,
                        "Swelling is more than ordinary soreness after a run and can go with a fracture, a"
                                + " tendon injury or inflammation."),
                symptomFlag("RF-BRUISING", RedFlag.BRUISING, Symptom.BRUISING,
                        "Bruising suggests an injury to soft tissue or bone rather than simple overuse."),
                Rule.redFlag("RF-SIGNIFICANT-REST-PAIN", RedFlag.SIGNIFICANT_REST_PAIN, URGENT_REVIEW,
                        is(PAIN_AT_REST, PainAtRest.SIGNIFICANT),
                        "Marked pain while the foot is not bearing weight is not typical of simple overuse.",
                        SEEK_SOONER),
                Rule.redFlag("RF-SEVERE-PAIN", RedFlag.SEVERE_PAIN, URGENT_REVIEW,
                        atLeast(PAIN_SCORE, 7),
                        "A pain score of 7 or more out of 10 is in the severe band of the numeric rating scale.",
                        ARTICLE + ": get assessed sooner \"if heel pain is severe\"; " + POLICY
                                + ": severe means 7 or more on the 0-10 numeric rating scale"),
                Rule.redFlag("RF-UNABLE-TO-WALK-NORMALLY", RedFlag.UNABLE_TO_WALK_NORMALLY, URGENT_REVIEW,
                        no(CAN_WALK_NORMALLY),
                        "Not being able to walk normally means the heel is not coping with everyday load.",
                        ARTICLE + ": get assessed sooner \"if you cannot run or walk normally\""),
                Rule.redFlag("RF-UNABLE-TO-RUN-NORMALLY", RedFlag.UNABLE_TO_RUN_NORMALLY, URGENT_REVIEW,
                        no(CAN_RUN_NORMALLY),
                        "Not being able to run normally shows the injury needs a clinician's assessment, not"
                                + " self-care alone.",
                        ARTICLE + ": get assessed sooner \"if you cannot run or walk normally\""),
                Rule.redFlag("RF-WORSENING-DESPITE-REDUCED-LOAD", RedFlag.WORSENING_DESPITE_REDUCED_LOAD,
                        URGENT_REVIEW,
                        yes(WORSENING_DESPITE_REDUCED_LOAD),
                        "Pain that keeps getting worse although running was cut back is not behaving like"
                                + " ordinary overuse.",
                        ARTICLE + ": get assessed sooner \"if the pain is clearly worsening despite backing off\""),
                Rule.redFlag("RF-SUSPECTED-STRESS-FRACTURE", RedFlag.SUSPECTED_STRESS_FRACTURE, URGENT_REVIEW,
                        anyOf(yes(PAIN_ON_SQUEEZING_HEEL_SIDES),
                                allOf(yes(WORSE_WITH_ACTIVITY),
                                        is(TREND, Trend.WORSENING),
                                        isNot(PAIN_AT_REST, PainAtRest.NONE))),
                        "Pain on squeezing the sides of the heel bone, or pain that gets steadily worse with"
                                + " activity and lingers at rest, can mean a stress fracture of the heel bone,"
                                + " which early X-rays may not show.",
                        ARTICLE + ": pain \"getting progressively worse with activity\" that lingers at rest means"
                                + " a calcaneal stress fracture \"needs more caution\"; a very painful squeeze of"
                                + " the heel sides \"can be another clue\""),
                Rule.reviewTrigger("RT-PERSISTS-AFTER-CONSERVATIVE-CARE", "PERSISTS_AFTER_CONSERVATIVE_CARE",
                        ROUTINE_REVIEW,
                        allOf(atLeast(WEEKS_OF_LOAD_REDUCTION_AND_REHAB, 3),
                                yes(RETURNS_WHEN_RUNNING_RESUMES)),
                        "Pain that returns as soon as normal running resumes, after 3 or more weeks of sensible"
                                + " load reduction and rehab, needs a clinician to look again at the cause.",
                        ARTICLE + ": get help if you have \"tried a few weeks of sensible load reduction and basic"
                                + " rehab\" and the pain keeps coming back when you resume normal running"),
                Rule.reviewTrigger("RT-NERVE-PATTERN", "NERVE_PATTERN", ROUTINE_REVIEW,
                        allOf(includes(PAIN_QUALITIES, PainQuality.BURNING),
                                includesNone(SYMPTOMS, Symptom.NUMBNESS,
                                        Symptom.TINGLING)),
                        "Burning pain suggests an irritated nerve; without numbness or tingling it is not urgent,"
                                + " but a clinician should review it.",
                        ARTICLE + ": \"If it burns, tingles, or comes with numbness, nerve irritation needs more"
                                + " attention.\""),
                Rule.reviewTrigger("RT-DIABETES", "DIABETES", ROUTINE_REVIEW,
                        yes(HAS_DIABETES),
                        "With diabetes, foot problems can progress unnoticed and heal more slowly, so a clinician"
                                + " reviews the case rather than leaving it to self-care alone.",
                        POLICY + ", other review triggers (after the American Academy of Family Physicians"
                                + " heel-pain reviews): known diabetes goes to routine clinician review"),
                Rule.reviewTrigger("RT-OUTSIDE-ADULT-RULESET", "OUTSIDE_ADULT_RULESET", ROUTINE_REVIEW,
                        below(AGE_YEARS, 16),
                        "These rules are written for adults; heel pain in children and young teenagers has other"
                                + " causes, so a clinician reviews it.",
                        POLICY + ", other review triggers: \"children's heel pain, e.g. Sever disease, is out of"
                                + " scope\""));
    }

    private static Rule symptomFlag(String id, RedFlag flag, Symptom symptom, String reason) {
        return Rule.redFlag(id, flag, URGENT_REVIEW, includes(SYMPTOMS, symptom), reason,
                SEEK_SOONER);
    }
}
