package clinic.triage.engine;

import clinic.events.triage.Condition;
import clinic.events.triage.Disposition;
import clinic.events.triage.SelfCarePlan;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the patient-facing plan: a self-care plan for SELF_CARE, interim advice while waiting for a
 * ROUTINE_REVIEW, nothing otherwise. Tailored to the top-ranked condition (drawn from the article's
 * "what usually helps first"), always safety-netted. Every variant is written once, at construction.
 */
final class SelfCarePlanner {

    static final List<String> WATCH_FOR = List.of(
            "a sudden pop or snap, or a feeling of being kicked in the back of the heel (go to emergency care now)",
            "fever, or feeling hot and unwell, with the heel pain",
            "numbness or tingling in the heel or foot",
            "swelling or bruising around the heel",
            "significant pain while the foot is resting",
            "severe pain: 7 or more out of 10",
            "not being able to walk or run normally",
            "pain that keeps getting worse even though you have cut back",
            "pain when you squeeze the sides of the heel, or pain that gets steadily worse with activity and"
                    + " lingers at rest",
            "burning pain, or pain that comes back every time you return to running after a few weeks of"
                    + " sensible load reduction and rehab (ask for a review)");

    static final String HOW_TO_GET_HELP = "If any of these happen, contact the clinic the same day through the"
            + " telehealth service, or your usual doctor. For a sudden pop or snap, or if you cannot put weight on"
            + " the foot, go to emergency care now.";

    static final String EXPECTED_COURSE = "Most running-related heel pain settles gradually over several weeks"
            + " with a careful, conservative approach; some cases take a few months. Expect slow, steady"
            + " improvement rather than a sudden change.";

    private static final String NOT_A_DIAGNOSIS = "this ranking is a score worked out from your answers, not a"
            + " diagnosis: the cause of your heel pain is uncertain until a clinician examines you.";

    private static final int GENERAL = Condition.values().length;

    /** [disposition: 0 self-care, 1 routine][top condition or GENERAL][child][diabetes] */
    private final SelfCarePlan[][][][] plans = new SelfCarePlan[2][GENERAL + 1][2][2];

    SelfCarePlanner() {
        for (int routine = 0; routine < 2; routine++) {
            for (int top = 0; top <= GENERAL; top++) {
                for (int child = 0; child < 2; child++) {
                    for (int diabetes = 0; diabetes < 2; diabetes++) {
                        plans[routine][top][child][diabetes] = write(routine == 1,
                                top == GENERAL ? null : Condition.values()[top], child == 1, diabetes == 1);
                    }
                }
            }
        }
    }

    /**
     * @param top      the top-ranked condition, or null when there is no ranking
     * @param child    the report is outside the adult ruleset
     * @param diabetes the patient has diabetes
     * @return the plan, or null for dispositions that go to a clinician urgently
     */
    SelfCarePlan plan(Disposition disposition, Condition top, boolean child, boolean diabetes) {
        if (disposition.needsUrgentReview()) {
            return null;
        }
        int routine = disposition == Disposition.ROUTINE_REVIEW ? 1 : 0;
        return plans[routine][top == null ? GENERAL : top.ordinal()][child ? 1 : 0][diabetes ? 1 : 0];
    }

    private static SelfCarePlan write(boolean routine, Condition top, boolean child, boolean diabetes) {
        return new SelfCarePlan(summary(routine, top, child), advice(top, child, diabetes), WATCH_FOR,
                HOW_TO_GET_HELP, EXPECTED_COURSE, recheck(routine));
    }

    private static String summary(boolean routine, Condition top, boolean child) {
        String opening = routine
                ? "A clinician will review your report within a few days; until then, follow this interim advice. "
                : "No warning signs were found in your answers, so careful self-care is a reasonable first step. ";
        if (child) {
            return opening + "These rules are written for adults, and heel pain in children and young teenagers"
                    + " has other causes, so nothing here is a diagnosis: the cause of the pain is uncertain until"
                    + " a clinician examines you.";
        }
        if (top == null) {
            return opening + "The cause of your heel pain is uncertain until a clinician examines you; nothing"
                    + " here is a diagnosis.";
        }
        return opening + "Your answers fit best with " + plainName(top) + ", but " + NOT_A_DIAGNOSIS;
    }

    private static List<String> advice(Condition top, boolean child, boolean diabetes) {
        List<String> advice = new ArrayList<>();
        advice.add("Cut back the activity that aggravates the pain for a while: fewer painful miles and less"
                + " speed or hill work. Rest does not have to mean no movement at all.");
        advice.add("Return to your usual running gradually, only as far as the pain allows, rather than running"
                + " through it.");
        if (!child) {
            advice.addAll(specific(top));
        }
        if (diabetes) {
            advice.add("Because you have diabetes, check both feet every day for skin breaks, redness or warmth,"
                    + " and do not put ice or heat straight onto the skin.");
        } else {
            advice.add("Ice massage over the sore spot for a few minutes after activity can ease the pain; keep"
                    + " a thin cloth between ice and skin.");
        }
        advice.add("Simple pain relief may help if it is suitable for you; some guidance advises against"
                + " ibuprofen in the first 48 hours after an injury, so ask a pharmacist if unsure.");
        return advice;
    }

    private static List<String> specific(Condition top) {
        if (top == null) {
            return List.of("Gentle calf stretches may help while the heel settles.");
        }
        return switch (top) {
            case PLANTAR_HEEL_PAIN -> List.of(
                    "Stretch and strengthen your calf and the sole of your foot (the plantar fascia) every day.",
                    "Arch support, supportive shoes or taping can help where the way your foot moves plays a part.");
            case ACHILLES_TENDINOPATHY -> List.of(
                    "Do gradual calf-loading exercises, such as slow heel raises, and leave out hills and speed"
                            + " work for now.",
                    "Avoid shoes that press on the back of the heel.");
            case CALCANEAL_STRESS_FRACTURE -> List.of(
                    "Leave out running and jumping until a clinician has checked the heel; painless low-impact"
                            + " exercise such as cycling or swimming is fine.");
            case NERVE_ENTRAPMENT -> List.of(
                    "Avoid tight shoes or straps that press around the heel and ankle, and note when the burning"
                            + " comes on so you can tell the clinician.");
            case HEEL_PAD_SYNDROME -> List.of(
                    "Use cushioned shoes or a heel cushion, and avoid hard surfaces and walking barefoot on hard"
                            + " floors for now.");
        };
    }

    private static String recheck(boolean routine) {
        return routine
                ? "A clinician will contact you within a few days. Re-check in 2 weeks in any case, and contact the"
                        + " clinic sooner if anything on the watch-for list appears."
                : "Re-check in 2 weeks: submit a new report or contact the clinic. Ask for a review sooner if it is"
                        + " getting worse, or if it has not settled after a few weeks of sensible load reduction"
                        + " and rehab.";
    }

    static String plainName(Condition condition) {
        return switch (condition) {
            case PLANTAR_HEEL_PAIN -> "plantar heel pain (often called plantar fasciitis)";
            case ACHILLES_TENDINOPATHY -> "Achilles tendinopathy (an overloaded Achilles tendon)";
            case CALCANEAL_STRESS_FRACTURE -> "a stress injury of the heel bone";
            case NERVE_ENTRAPMENT -> "an irritated nerve (nerve entrapment)";
            case HEEL_PAD_SYNDROME -> "heel pad pain (heel pad syndrome)";
        };
    }
}
