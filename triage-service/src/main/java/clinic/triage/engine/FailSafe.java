package clinic.triage.engine;

import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;

import java.util.List;

/**
 * What the engine does when a rule (or the ranking, or the plan) cannot be evaluated: the report goes
 * to a clinician the same day. Never under-triage; never a silent SELF_CARE.
 */
public final class FailSafe {

    public static final String RULE_ID = "FAIL-SAFE";
    public static final Disposition DISPOSITION = Disposition.URGENT_REVIEW;
    public static final String WHEN = "a rule, the ranking or the self-care plan cannot be evaluated";
    public static final String REASON = "The report could not be classified by the rules, so a clinician reviews it"
            + " the same day instead of the patient receiving self-care advice.";
    public static final String SOURCE = HeelPainRules.POLICY + ", principle 1 \"Never under-triage\":"
            + " \"When in doubt, choose the more urgent disposition.\"";

    private FailSafe() {
    }

    static FiredRule fired(List<String> failures) {
        return new FiredRule(RULE_ID, DISPOSITION, failures, SOURCE);
    }

    /** A safe description of a failure: what failed and the exception type, never values or messages. */
    static String failure(String what, RuntimeException e) {
        return "the report could not be classified: " + what + " failed (" + e.getClass().getSimpleName() + ")";
    }

    static String canonical() {
        return "rule " + RULE_ID + "\n disposition " + DISPOSITION + "\n when " + WHEN + "\n reason " + REASON
                + "\n source " + SOURCE + "\n";
    }
}
