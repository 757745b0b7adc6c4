package clinic.triage.engine;

import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;

import java.util.List;

/**
 * What the engine does when it cannot classify a report: the answers are missing, or fall outside the
 * intake contract (a missing choice, a number out of range: a combination no rule is written for), or a
 * rule, the ranking or the self-care plan cannot be evaluated or gives an incomplete result. The report
 * then goes to a clinician the same day, with the reason. Never under-triage; never a silent SELF_CARE.
 */
public final class FailSafe {

    public static final String RULE_ID = "FAIL-SAFE";
    public static final Disposition DISPOSITION = Disposition.URGENT_REVIEW;
    public static final String WHEN = "the answers are missing or outside the intake contract (a missing choice,"
            + " a number out of range), or a rule, the ranking or the self-care plan cannot be evaluated or gives"
            + " an incomplete result";
    public static final String REASON = "The report could not be classified by the rules, so a clinician reviews it"
            + " the same day instead of the patient receiving self-care advice.";
    public static final String SOURCE = HeelPainRules.POLICY + ", principle 1 \"Never under-triage\":"
            + " \"When in doubt, choose the more urgent disposition.\"";

    static final String PREFIX = "the report could not be classified: ";

    private FailSafe() {
    }

    static FiredRule fired(List<String> failures) {
        return new FiredRule(RULE_ID, DISPOSITION, failures, SOURCE);
    }

    /** A safe description of a failure: what failed and the exception type, never values or messages. */
    static String failure(String what, RuntimeException e) {
        return PREFIX + what + " failed (" + e.getClass().getSimpleName() + ")";
    }

    /** A safe description of something the rules cannot classify, e.g. {@code painLocation is missing}. */
    static String unclassifiable(String what) {
        return PREFIX + what;
    }

    static String canonical() {
        return "rule " + RULE_ID + "\n disposition " + DISPOSITION + "\n when " + WHEN + "\n reason " + REASON
                + "\n source " + SOURCE + "\n";
    }
}
