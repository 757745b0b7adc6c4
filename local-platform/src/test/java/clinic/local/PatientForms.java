package clinic.local;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The intake web form's POST bodies, URL-encoded as a browser sends them. */
final class PatientForms {

    private PatientForms() {
    }

    /** A complete self-care answer set. */
    static String selfCare() {
        return selfCare("Sam Form", "sam.form@example.org", Map.of());
    }

    /** A complete self-care answer set for this patient, with some fields replaced. */
    static String selfCare(String name, String email, Map<String, String> replaced) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("patient.externalId", "E2E-FORM");
        fields.put("patient.name", name);
        fields.put("patient.email", email);
        SampleReports.selfCare().forEach((field, value) -> {
            if (!(value instanceof Map) && !(value instanceof List)) {
                fields.put(field, String.valueOf(value));
            }
        });
        fields.put("painQualities", "STABBING");
        fields.put("recentLoadChanges", "MILEAGE");
        fields.putAll(replaced);
        StringBuilder body = new StringBuilder();
        fields.forEach((field, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(field, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }
}
