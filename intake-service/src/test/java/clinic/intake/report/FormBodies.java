package clinic.intake.report;

import clinic.intake.TestReports;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Intake form posts as a browser sends them ({@code application/x-www-form-urlencoded}), built from the
 * same valid report the API tests use: {@code patient.name=...}, one {@code painQualities=...} per
 * ticked box, nothing at all for an unticked group.
 */
public final class FormBodies {

    private FormBodies() {
    }

    /** The valid report, with each given field replaced (a null value leaves the field out). */
    public static String valid(Object... replacements) {
        Map<String, Object> report = TestReports.valid();
        for (int i = 0; i < replacements.length; i += 2) {
            String path = (String) replacements[i];
            Object value = replacements[i + 1];
            Map<String, Object> parent = path.startsWith("patient.") ? patient(report) : report;
            String field = path.substring(path.lastIndexOf('.') + 1);
            if (value == null) {
                parent.remove(field);
            } else {
                parent.put(field, value);
            }
        }
        List<String> pairs = new ArrayList<>();
        report.forEach((field, value) -> {
            if (value instanceof Map<?, ?> nested) {
                nested.forEach((name, text) -> pairs.add(pair(field + "." + name, text)));
            } else if (value instanceof Collection<?> values) {
                values.forEach(one -> pairs.add(pair(field, one)));
            } else {
                pairs.add(pair(field, value));
            }
        });
        return String.join("&", pairs);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> patient(Map<String, Object> report) {
        return (Map<String, Object>) report.get("patient");
    }

    private static String pair(Object name, Object value) {
        return URLEncoder.encode(String.valueOf(name), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }
}
