package clinic.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Submissions that must be refused, each carrying a canary patient, and the error bodies they got back:
 * what a rejected request is answered with must not repeat the patient's name or address.
 */
final class CanaryRejections {

    /** The form page shows a patient their own answers again in its inputs: that echo is not an error message. */
    private static final Pattern OWN_ANSWER_INPUTS =
            Pattern.compile("<input[^>]*name=\"patient\\.(name|email|phone)\"[^>]*>");

    private CanaryRejections() {
    }

    /** Place -> error body for each refused submission; fails unless each was refused as it should be. */
    static Map<String, String> errorBodies(PlatformClient client, Canary json, Canary form) {
        Map<String, String> bodies = new LinkedHashMap<>();
        Map<String, Object> patient = json.patient();
        Map<String, Object> badEmail = Map.of("externalId", "E2E-CANARY", "name", json.name(),
                "email", json.email().replace("@", "@@"));
        Map<String, Object> longName = Map.of("externalId", "E2E-CANARY", "name", json.name() + "x".repeat(200),
                "email", json.email());
        Map<String, PlatformClient.Response> answers = new LinkedHashMap<>();
        answers.put("invalid email and pain score", client.submit(SampleReports.with(
                SampleReports.with(SampleReports.selfCare(), "patient", badEmail), "painScore", 11)));
        answers.put("name over 200 characters", client.submit(SampleReports.with(SampleReports.selfCare(), "patient", longName)));
        Map<String, Object> spacedPhone = new LinkedHashMap<>(patient);
        spacedPhone.put("phone", json.phone().substring(0, 5) + " " + json.phone().substring(5));
        answers.put("phone number with a space", client.submit(SampleReports.with(SampleReports.selfCare(), "patient",
                spacedPhone)));
        answers.put("name given as the age", client.submit(SampleReports.with(
                SampleReports.with(SampleReports.selfCare(), "patient", patient), "ageYears", json.name())));
        answers.put("email as an unquoted JSON token", client.submitRaw("{\"patient\":"
                + PlatformClient.JSON.writeValueAsString(patient) + ",\"ageYears\":" + json.email() + "}",
                "application/json"));
        answers.forEach((what, response) -> {
            assertThat(response.status()).as("JSON report with %s", what).isEqualTo(400);
            assertThat(response.contentType()).as("JSON report with %s", what).startsWith("application/problem+json");
            bodies.put("400 body for a JSON report with " + what, response.body());
        });

        for (List<String> bad : List.of(List.of("painScore", "11"), List.of("patient.email", form.email() + "@@"),
                List.of("patient.phone", form.phone().substring(1)))) {
            PlatformClient.Response page = client.submitForm(formBody(form, bad.get(0), bad.get(1)));
            assertThat(page.status()).as("web form with bad %s", bad.get(0)).isEqualTo(400);
            assertThat(page.contentType()).as("web form with bad %s", bad.get(0)).startsWith("text/html");
            bodies.put("400 form page for bad " + bad.get(0) + " (own name/email/phone inputs left out)",
                    OWN_ANSWER_INPUTS.matcher(page.body()).replaceAll("<input own-answer>"));
        }
        return bodies;
    }

    /** A complete self-care answer set as the web form posts it, with one field replaced. */
    private static String formBody(Canary canary, String badField, String badValue) {
        Map<String, String> replaced = new LinkedHashMap<>(Map.of("patient.phone", canary.phone()));
        replaced.put(badField, badValue);
        return PatientForms.selfCare(canary.name(), canary.email(), replaced);
    }
}
