package clinic.events.intake;

/**
 * The ranges of the intake contract's numbers (triage-policy.md, intake fields). One place, so the JSON API's
 * validation, the web form and the FHIR Questionnaire's minValue/maxValue cannot disagree.
 */
public final class IntakeLimits {

    public static final int AGE_MIN = 1;
    public static final int AGE_MAX = 120;
    public static final int PAIN_SCORE_MIN = 0;
    public static final int PAIN_SCORE_MAX = 10;
    public static final int DURATION_DAYS_MIN = 0;
    public static final int DURATION_DAYS_MAX = 3650;
    public static final int REHAB_WEEKS_MIN = 0;
    public static final int REHAB_WEEKS_MAX = 520;

    private IntakeLimits() {
    }
}
