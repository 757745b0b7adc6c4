package clinic.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Intake bodies that always raise a clinician alert: numbness (URGENT_REVIEW) and a pop at the back of
 * the heel (EMERGENCY), taking turns. Same answers as the local-platform end-to-end tests use.
 */
public final class RedFlagReports {

    static final String PATIENT_EMAIL = "latency-probe@example.org";

    private RedFlagReports() {
    }

    public static Map<String, Object> number(int i) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("patient", Map.of("externalId", "PROBE-" + i, "name", "Latency Probe", "email", PATIENT_EMAIL));
        report.put("ageYears", 38);
        report.put("hasDiabetes", false);
        report.put("painLocation", i % 2 == 0 ? "BOTTOM_INNER_HEEL" : "BACK_OF_HEEL");
        report.put("painQualities", List.of("SHARP"));
        report.put("symptoms", i % 2 == 0 ? List.of("NUMBNESS") : List.of());
        report.put("worstOnFirstStepsAfterRest", true);
        report.put("easesOnceMoving", true);
        report.put("worseWithActivity", false);
        report.put("painAtRest", "NONE");
        report.put("painScore", 5);
        report.put("trend", "STABLE");
        report.put("worseningDespiteReducedLoad", false);
        report.put("canWalkNormally", true);
        report.put("canRunNormally", true);
        report.put("painOnSqueezingHeelSides", false);
        report.put("tenderBackOfHeelToPressure", false);
        report.put("suddenOnsetWithPopOrSnap", i % 2 != 0);
        report.put("recentLoadChanges", List.of("MILEAGE"));
        report.put("symptomDurationDays", 10);
        report.put("weeksOfLoadReductionAndRehab", 0);
        report.put("returnsWhenRunningResumes", false);
        return report;
    }
}
