package clinic.notification.decisions;

import clinic.events.InvalidEventException;
import clinic.events.triage.Disposition;
import clinic.events.triage.SelfCarePlan;
import clinic.events.triage.TriageDecisionMade;

/**
 * What the patient is told after triage (stored as the notification's JSON content). {@code plan} is the
 * self-care plan for SELF_CARE, the interim advice for ROUTINE_REVIEW, and absent when a clinician calls.
 */
record PatientNotice(Disposition disposition, String headline, String message, SelfCarePlan plan) {

    static PatientNotice of(TriageDecisionMade decision) {
        return switch (decision.disposition()) {
            case SELF_CARE -> new PatientNotice(Disposition.SELF_CARE,
                    "Your self-care plan",
                    "Your answers suggest you can start with self-care. Follow the plan below, watch for the signs "
                            + "listed, and contact the clinic if they appear or if the pain is not settling.",
                    requirePlan(decision));
            case ROUTINE_REVIEW -> new PatientNotice(Disposition.ROUTINE_REVIEW,
                    "A clinician will review your report within a few days",
                    "Until then, follow the interim advice below. Contact the clinic sooner if any of the signs "
                            + "listed appear or things get worse.",
                    requirePlan(decision));
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

    private static SelfCarePlan requirePlan(TriageDecisionMade decision) {
        if (decision.selfCarePlan() == null) {
            throw new InvalidEventException(InvalidEventException.Reason.SCHEMA_VIOLATION,
                    "/selfCarePlan is required for " + decision.disposition());
        }
        return decision.selfCarePlan();
    }
}
