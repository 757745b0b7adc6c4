package clinic.intake.report;

import clinic.intake.IntakeServiceTest;
import clinic.intake.TestReports;
import clinic.support.testing.TestIssuer;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.servlet.Filter;
import jakarta.validation.Validator;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Fuzzes the JSON handling of {@code POST /api/v1/symptom-reports}: raw bytes, and structure-aware edits of a
 * valid report whose patient carries canary strings. Every answer must be a 202 for a report that passes
 * validation, or a problem+json 4xx that names its status and never echoes the patient; never a 5xx.
 * <p>
 * Runs in the shared {@link IntakeServiceTest} context (one context for every test class with it); MockMvc is
 * built over that context with the service's servlet filters, so each input skips the network but not the
 * body-size limit, the security filter chain, JSON binding, validation, the exception handler or the database.
 * Each input is sent by a patient of its own with a valid token, so that it reaches the JSON handling (and no
 * patient's submission rate limit is ever reached).
 */
@IntakeServiceTest
class SymptomReportJsonFuzzTest {

    static final String CANARY_NAME = "ZZCANARYNAME Quillfeather";
    static final String CANARY_EMAIL = "zzcanarymail@example.org";
    /** A canary used as a JSON key would be named back as an unknown field: that is not the patient's name. */
    private static final Pattern CANARY_AS_KEY = Pattern.compile("(?i)zzcanary[^\"]*\"\\s*:");

    @Autowired
    WebApplicationContext context;
    @Autowired
    JsonMapper json;
    @Autowired
    Validator validator;
    @Autowired
    JdbcClient jdbc;

    MockMvc mvc;

    @BeforeEach
    void buildMockMvc() {
        List<Object> filters = new ArrayList<>();
        context.getBeansOfType(FilterRegistrationBean.class).values().forEach(filters::add);
        context.getBeansOfType(Filter.class).values().forEach(filters::add);
        filters.sort(AnnotationAwareOrderComparator.INSTANCE);
        Filter[] ordered = filters.stream()
                .map(f -> f instanceof FilterRegistrationBean<?> r ? r.getFilter() : (Filter) f)
                .toArray(Filter[]::new);
        mvc = MockMvcBuilders.webAppContextSetup(context).addFilters(ordered).build();
    }

    @FuzzTest(maxDuration = "30s")
    void arbitraryBodiesNeverFailTheServer(byte[] body) throws Exception {
        boolean canaryOnlyAsValue = !CANARY_AS_KEY.matcher(new String(body, StandardCharsets.ISO_8859_1)).find();
        submitAndCheck(body, canaryOnlyAsValue);
    }

    @FuzzTest(maxDuration = "30s")
    void editedReportsAreAcceptedOnlyWhenValid(FuzzedDataProvider data) throws Exception {
        byte[] body = ReportEdits.apply(data, json);
        submitAndCheck(body, true);
    }

    private void submitAndCheck(byte[] body, boolean checkCanary) throws Exception {
        String patient = bearer(TestIssuer.get().patient("fuzz-" + UUID.randomUUID()));
        MockHttpServletResponse response = mvc.perform(post(SymptomReportController.PATH)
                        .header(HttpHeaders.AUTHORIZATION, patient)
                        .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON).content(body))
                .andReturn().getResponse();
        int status = response.getStatus();
        String answer = response.getContentAsString(StandardCharsets.UTF_8);

        assertThat(status).as("status for a fuzzed body; answer %s", answer).isLessThan(500);
        if (status == 202) {
            assertAcceptedReportIsValidAndStored(body, answer, patient);
            return;
        }
        assertThat(status).as("neither accepted nor a client error: %s", answer).isBetween(400, 499);
        assertThat(MediaType.parseMediaType(response.getContentType()))
                .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON), "problem+json");
        JsonNode problem = json.readTree(answer);
        assertThat(problem.path("status").asInt(-1)).as("status field of %s", answer).isEqualTo(status);
        if (checkCanary) {
            assertThat(answer.toLowerCase()).doesNotContain("zzcanary");
        }
    }

    /** A 202 must mean the body is a valid report, and it must now be stored with this patient. */
    private void assertAcceptedReportIsValidAndStored(byte[] body, String answer, String patient) throws Exception {
        SymptomReportRequest request = json.readValue(body, SymptomReportRequest.class);
        assertThat(validator.validate(request)).as("violations of an accepted report").isEmpty();

        String reportId = json.readTree(answer).path("reportId").asString();
        MockHttpServletResponse status = mvc.perform(get(SymptomReportController.PATH + "/" + reportId)
                        .header(HttpHeaders.AUTHORIZATION, patient))
                .andReturn().getResponse();
        assertThat(status.getStatus()).isEqualTo(200);
        MockHttpServletResponse contact = mvc.perform(get(PatientContactController.PATH, reportId)
                        .header(HttpHeaders.AUTHORIZATION,
                                bearer(TestIssuer.get().client("notification-service", "patients:contact"))))
                .andReturn().getResponse();
        assertThat(contact.getStatus()).isEqualTo(200);
        JsonNode stored = json.readTree(contact.getContentAsString(StandardCharsets.UTF_8));
        assertThat(stored.path("email").asString()).isEqualTo(request.patient().email());
        // the name is stored as sent, but no lookup hands it out (the clinic's emails quote none of it)
        assertThat(jdbc.sql("select patient_name from symptom_report where id = ?").param(UUID.fromString(reportId))
                .query(String.class).single()).isEqualTo(request.patient().name());
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A valid report carrying the canaries, for the structure-aware target. */
    static Map<String, Object> canaryReport() {
        Map<String, Object> report = TestReports.valid();
        @SuppressWarnings("unchecked")
        Map<String, Object> patient = (Map<String, Object>) report.get("patient");
        patient.put("name", CANARY_NAME);
        patient.put("email", CANARY_EMAIL);
        return report;
    }
}
