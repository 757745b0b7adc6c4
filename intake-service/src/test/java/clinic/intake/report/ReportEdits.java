package clinic.intake.report;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Structure-aware edits of a valid report for fuzzing: the fuzzer picks fields (known ones, patient fields,
 * made-up ones) and what to put there (nothing, null, wrong JSON types, huge or fractional numbers, other
 * enums' values, arbitrary unicode, deep nesting), and may cut the JSON short. Fuzzer-made strings never
 * contain the canary, so the canary in an answer can only come from the patient's name or email.
 */
final class ReportEdits {

    private static final List<String> FIELDS = List.of("patient", "patient.externalId", "patient.name",
            "patient.email", "ageYears", "hasDiabetes", "painLocation", "painQualities", "symptoms",
            "worstOnFirstStepsAfterRest", "easesOnceMoving", "worseWithActivity", "painAtRest", "painScore", "trend",
            "worseningDespiteReducedLoad", "canWalkNormally", "canRunNormally", "painOnSqueezingHeelSides",
            "tenderBackOfHeelToPressure", "suddenOnsetWithPopOrSnap", "recentLoadChanges", "symptomDurationDays",
            "weeksOfLoadReductionAndRehab", "returnsWhenRunningResumes", "patient.role", "reportId", "status");
    private static final List<String> ENUM_NAMES = List.of("BOTTOM_INNER_HEEL", "BACK_OF_HEEL", "UNSURE", "SHARP",
            "FEVER", "NONE", "SIGNIFICANT", "STABLE", "WORSENING", "MILEAGE", "HILLS", "HILLS", "sharp", "",
            "EMERGENCY", "TRIAGED");

    private ReportEdits() {
    }

    static byte[] apply(FuzzedDataProvider data, JsonMapper json) {
        Map<String, Object> report = SymptomReportJsonFuzzTest.canaryReport();
        int edits = data.consumeInt(0, 4);
        for (int i = 0; i < edits; i++) {
            String path = data.pickValue(FIELDS);
            Map<String, Object> parent = parent(report, path);
            if (parent == null) {
                continue;
            }
            String key = path.substring(path.lastIndexOf('.') + 1);
            if (data.consumeBoolean()) {
                parent.remove(key);
            } else {
                parent.put(key, value(data));
            }
        }
        byte[] body = json.writeValueAsBytes(report);
        if (data.consumeBoolean()) {
            return java.util.Arrays.copyOf(body, data.consumeInt(0, body.length));
        }
        return body;
    }

    private static Object value(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 11)) {
            case 0 -> null;
            case 1 -> data.consumeBoolean();
            case 2 -> data.consumeInt();
            case 3 -> data.consumeLong();
            case 4 -> new BigInteger(1, data.consumeBytes(40)).multiply(BigInteger.TEN.pow(30));
            case 5 -> data.consumeDouble();
            case 6 -> data.pickValue(ENUM_NAMES);
            case 7 -> scrub(data.consumeString(80));
            case 8 -> new ArrayList<>(List.of(data.pickValue(ENUM_NAMES), data.pickValue(ENUM_NAMES)));
            case 9 -> nested(data.consumeInt(1, 900), data.consumeBoolean());
            case 10 -> Map.of(scrub(data.consumeString(20)), scrub(data.consumeString(20)));
            default -> scrub(new String(data.consumeBytes(60), StandardCharsets.UTF_8));
        };
    }

    /** No canary, and no lone surrogates (the test's own JSON writer would refuse them). */
    private static String scrub(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().filter(c -> Character.getType(c) != Character.SURROGATE).forEach(clean::appendCodePoint);
        return clean.toString().replaceAll("(?i)zzcanary", "");
    }

    /** Arrays or objects nested {@code depth} levels deep. */
    private static Object nested(int depth, boolean arrays) {
        Object value = 1;
        for (int i = 0; i < depth; i++) {
            if (arrays) {
                List<Object> list = new ArrayList<>(1);
                list.add(value);
                value = list;
            } else {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("a", value);
                value = map;
            }
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parent(Map<String, Object> report, String path) {
        if (!path.contains(".")) {
            return report;
        }
        return report.get("patient") instanceof Map<?, ?> patient ? (Map<String, Object>) patient : null;
    }
}
