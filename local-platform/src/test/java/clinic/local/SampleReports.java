package clinic.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Intake bodies for end-to-end tests: one uneventful runner, then variations of it. */
final class SampleReports {

    static final String CANARY_NAME = "Canary-Name-7f3e9";
    static final String CANARY_EMAIL = "canary-7f3e9@example.org";

    private SampleReports() {
    }

    /** Classic first-step pain under the heel after more mileage: no red flag, no review trigger. */
    static Map<String, Object> selfCare() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("patient", Map.of("externalId", "E2E-1", "name", CANARY_NAME, "email", CANARY_EMAIL));
        report.put("ageYears", 36);
        report.put("hasDiabetes", false);
        report.put("painLocation", "BOTTOM_INNER_HEEL");
        report.put("painQualities", List.of("STABBING"));
        report.put("symptoms", List.of());
        report.put("worstOnFirstStepsAfterRest", true);
        report.put("easesOnceMoving", true);
        report.put("worseWithActivity", false);
        report.put("painAtRest", "NONE");
        report.put("painScore", 4);
        report.put("trend", "STABLE");
        report.put("worseningDespiteReducedLoad", false);
        report.put("canWalkNormally", true);
        report.put("canRunNormally", true);
        report.put("painOnSqueezingHeelSides", false);
        report.put("tenderBackOfHeelToPressure", false);
        report.put("suddenOnsetWithPopOrSnap", false);
        report.put("recentLoadChanges", List.of("MILEAGE"));
        report.put("symptomDurationDays", 12);
        report.put("weeksOfLoadReductionAndRehab", 0);
        report.put("returnsWhenRunningResumes", false);
        return report;
    }

    /** Numbness is a red flag: a clinician must see this today. */
    static Map<String, Object> numbness() {
        return with(selfCare(), "symptoms", List.of("NUMBNESS"));
    }

    /** A pop at the back of the heel: possible rupture, emergency care now. */
    static Map<String, Object> suddenPop() {
        Map<String, Object> report = with(selfCare(), "suddenOnsetWithPopOrSnap", true);
        report.put("painLocation", "BACK_OF_HEEL");
        return report;
    }

    /** Known diabetes is a routine-review trigger, not a red flag. */
    static Map<String, Object> diabetes() {
        return with(selfCare(), "hasDiabetes", true);
    }

    /** The same answers from a patient with a mailbox of their own, so their mail can be counted. */
    static Map<String, Object> from(Map<String, Object> report, String name, String email) {
        return with(report, "patient", Map.of("externalId", "E2E-1", "name", name, "email", email));
    }

    static Map<String, Object> with(Map<String, Object> report, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(report);
        copy.put(field, value);
        return copy;
    }
}
