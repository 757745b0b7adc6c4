package clinic.notification.decisions;

import clinic.events.triage.Disposition;
import clinic.events.triage.SelfCarePlan;
import clinic.events.triage.TriageDecisionMade;

/**
 * What the patient is told after triage (stored as the notification's JSON content). {@code plan} is the
 * self-care plan for SELF_CARE, the interim advice for ROUTINE_REVIEW, and absent when a clinician calls.
 * <p>
 * The event schema allows a SELF_CARE or ROUTINE_REVIEW decision without a plan. Such a decision is still
 * valid (it must never be dead-lettered, or a clinician would lose a review item): the patient then gets a
 * safe generic notice that a clinician will review the answers, and {@link DecisionNotices} makes sure a
 * clinician does.
 */
record PatientNotice(Disposition disposition, String headline, String message, SelfCarePlan plan) {

    static final String WITHOUT_PLAN_HEADLINE = "A clinician will review your answers";
    static final String WITHOUT_PLAN_MESSAGE = "A clinician will review your answers and contact you. Until then, "
            + "rest the painful foot as much as you can. Contact the clinic if you have questions or if the pain "
            + "gets worse, and seek urgent care if you cannot put weight on your foot.";

    static PatientNotice of(TriageDecisionMade decision) {
        if (lacksPlan(decision)) {
            return new PatientNotice(decision.disposition(), WITHOUT_PLAN_HEADLINE, WITHOUT_PLAN_MESSAGE, null);
        }
        return switch (decision.disposition()) {
            case SELF_CARE -> new PatientNotice(Disposition.SELF_CARE,
                    "Your self-care plan",
                    "Your answers suggest you can start with self-care. Follow the plan below, watch for the signs "
                            + "listed, and contact the clinic if they appear or if the pain is not settling.",
                    decision.selfCarePlan());
            case ROUTINE_REVIEW -> new PatientNotice(Disposition.ROUTINE_REVIEW,
                    "A clinician will review your report within a few days",
                    "Until then, follow the interim advice below. Contact the clinic sooner if any of the signs "
                            + "listed appear or things get worse.",
                    decision.selfCarePlan());
            case URGENT_REVIEW -> new PatientNotice(Disposition.URGENT_REVIEW,
                    "A clinician will contact you today",
                    "Your answers need a clinician's review today, and a clinician will contact you. If your pain "
                            + "gets much worse or you cannot put weight on your foot before then, seek urgent care "
                            + "without waiting for the call.",
                    null);
            case EMERGENCY -> new PatientNotice(Disposition.EMERGENCY,
                    "Seek emergency care now",
                    "Your answers suggest a possible serious injury such as a tendon rupture or a fracture. Go to an "
                            + "emergency department or call emergency services now; do not wait for our call. "
                            + "A clinician will also contact you.",
                    null);
        };
    }

    /** A self-care or routine-review decision that came without the plan its notice would carry. */
    static boolean lacksPlan(TriageDecisionMade decision) {
        return decision.selfCarePlan() == null && (decision.disposition() == Disposition.SELF_CARE
                || decision.disposition() == Disposition.ROUTINE_REVIEW);
    }
}
