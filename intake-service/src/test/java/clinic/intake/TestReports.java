package clinic.intake;

import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Intake request bodies for tests: a valid report as a mutable JSON tree, plus small edits. */
public final class TestReports {

    public static final String EXTERNAL_ID = "PAT-7731-XQ";
    public static final String NAME = "Henrietta Quillfeather";
    public static final String EMAIL = "h.quillfeather@example.org";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestReports() {
    }

    /** A valid report of a runner with likely plantar heel pain. */
    public static Map<String, Object> valid() {
        Map<String, Object> patient = new LinkedHashMap<>();
        patient.put("externalId", EXTERNAL_ID);
        patient.put("name", NAME);
        patient.put("email", EMAIL);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("patient", patient);
        report.put("ageYears", 41);
        report.put("hasDiabetes", false);
        report.put("painLocation", "BOTTOM_INNER_HEEL");
        report.put("painQualities", new ArrayList<>(List.of("SHARP", "STABBING")));
        report.put("symptoms", new ArrayList<>());
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
        report.put("suddenOnsetWithPopOrSnap", false);
        report.put("recentLoadChanges", new ArrayList<>(List.of("MILEAGE")));
        report.put("symptomDurationDays", 21);
        report.put("weeksOfLoadReductionAndRehab", 0);
        report.put("returnsWhenRunningResumes", false);
        return report;
    }

    /** A valid report with one field (dotted path, e.g. {@code patient.email}) set to {@code value}. */
    public static Map<String, Object> with(String path, Object value) {
        Map<String, Object> report = valid();
        parent(report, path).put(last(path), value);
        return report;
    }

    /** A valid report without one field (dotted path). */
    public static Map<String, Object> without(String path) {
        Map<String, Object> report = valid();
        parent(report, path).remove(last(path));
        return report;
    }

    public static String json(Object tree) {
        return JSON.writeValueAsString(tree);
    }

    public static String validJson() {
        return json(valid());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parent(Map<String, Object> report, String path) {
        Map<String, Object> node = report;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.get(parts[i]);
        }
        return node;
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
