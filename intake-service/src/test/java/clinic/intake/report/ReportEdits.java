package clinic.intake.report;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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

    private static final String NESTING_MARK = "@@nest@@";
    private static final Pattern NESTING = Pattern.compile("\"" + NESTING_MARK + "(\\d+)([ao])" + NESTING_MARK + "\"");

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
        byte[] body = unfoldNesting(json.writeValueAsString(report)).getBytes(StandardCharsets.UTF_8);
        if (data.consumeBoolean()) {
            return Arrays.copyOf(body, data.consumeInt(0, body.length));
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
            case 9 -> NESTING_MARK + data.consumeInt(1, 3000) + (data.consumeBoolean() ? "a" : "o") + NESTING_MARK;
            case 10 -> Map.of(scrub(data.consumeString(20)), scrub(data.consumeString(20)));
            default -> scrub(new String(data.consumeBytes(60), StandardCharsets.UTF_8));
        };
    }

    /** No canary, and no lone surrogates (the test's own JSON writer would refuse them). */
    private static String scrub(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().filter(c -> Character.getType(c) != Character.SURROGATE).forEach(clean::appendCodePoint);
        return clean.toString().replaceAll("(?i)zzcanary", "").replace(NESTING_MARK, "");
    }

    /**
     * Replaces each nesting mark by arrays or objects nested that deep, as text: the test's own JSON writer
     * refuses to write more than 500 levels, the service must cope with any depth.
     */
    private static String unfoldNesting(String json) {
        return NESTING.matcher(json).replaceAll(match -> {
            int depth = Integer.parseInt(match.group(1));
            boolean arrays = match.group(2).equals("a");
            return (arrays ? "[" : "{\"a\":").repeat(depth) + "1" + (arrays ? "]" : "}").repeat(depth);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parent(Map<String, Object> report, String path) {
        if (!path.contains(".")) {
            return report;
        }
        return report.get("patient") instanceof Map<?, ?> patient ? (Map<String, Object>) patient : null;
    }
}
