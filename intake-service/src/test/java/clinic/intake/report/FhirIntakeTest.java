package clinic.intake.report;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import clinic.events.intake.IntakeAnswers;
import clinic.fhir.HeelPainIntake;
import clinic.fhir.IntakeItem;
import clinic.fhir.QuestionnaireResponseWriter;
import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.Tables;
import clinic.intake.TestReports;
import clinic.support.testing.FhirValidation;
import clinic.support.testing.TestIssuer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hibernate.validator.constraints.Range;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The intake through FHIR R4, against the running service: the Questionnaire, and responses to it. */
@IntakeServiceTest
class FhirIntakeTest {

    static final String QUESTIONNAIRE = "/fhir/Questionnaire/heel-pain-intake";
    static final String RESPONSES = "/fhir/QuestionnaireResponse";
    static final IParser PARSER = FhirContext.forR4Cached().newJsonParser();

    static FhirValidation validation;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    IntakeHttp http;

    @BeforeAll
    static void buildTheValidator() {
        validation = questionnaireValidation();
    }

    /** HAPI's validator knowing the Questionnaire and its code systems (one per test JVM, see FhirValidation). */
    static FhirValidation questionnaireValidation() {
        List<IBaseResource> conformance = new ArrayList<>(HeelPainQuestionnaire.codeSystems());
        conformance.add(HeelPainQuestionnaire.build());
        return FhirValidation.r4(conformance.toArray(IBaseResource[]::new));
    }

    @BeforeEach
    void setUp() {
        http = new IntakeHttp(port);
    }

    @Test
    void servesAQuestionnaireThatHapiFindsValidToAnyoneWithoutAToken() {
        HttpResponse<String> response = http.as(null).get(QUESTIONNAIRE);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(IntakeHttp.contentType(response)).startsWith("application/fhir+json");
        Questionnaire questionnaire = PARSER.parseResource(Questionnaire.class, response.body());
        assertThat(questionnaire.getUrl()).isEqualTo(HeelPainIntake.URL);
        assertThat(questionnaire.getVersion()).isEqualTo(HeelPainIntake.VERSION);
        assertThat(validation.errors(questionnaire)).isEmpty();
    }

    @Test
    void servesTheCodeSystemOfEveryChoiceWithTheFormsWords() {
        for (IntakeItem item : HeelPainIntake.ITEMS) {
            if (item.type() != IntakeItem.Type.CHOICE) {
                continue;
            }
            HttpResponse<String> response = http.as(null).get("/fhir/CodeSystem/" + HeelPainIntake.valueSetId(item.codes()));
            assertThat(response.statusCode()).as(item.linkId()).isEqualTo(200);
            CodeSystem system = PARSER.parseResource(CodeSystem.class, response.body());
            assertThat(system.getUrl()).isEqualTo(item.codeSystem());
            assertThat(system.getConcept()).extracting(c -> c.getCode()).containsExactlyElementsOf(item.codeValues());
            assertThat(validation.errors(system)).as(item.linkId()).isEmpty();
        }
        assertThat(http.as(null).get("/fhir/CodeSystem/colour").statusCode()).isEqualTo(404);
    }

    @Test
    void hasExactlyOneItemPerContractFieldWithTheContractsTypesAndRules() {
        Questionnaire questionnaire = PARSER.parseResource(Questionnaire.class, http.as(null).get(QUESTIONNAIRE).body());
        List<QuestionnaireItemComponent> questions = questions(questionnaire.getItem()).toList();

        List<String> contractFields = new ArrayList<>(List.of("patient.externalId", "patient.name", "patient.email",
                "patient.phone"));
        Arrays.stream(IntakeAnswers.class.getRecordComponents()).map(RecordComponent::getName)
                .forEach(contractFields::add);
        assertThat(questions).extracting(QuestionnaireItemComponent::getLinkId)
                .containsExactlyInAnyOrderElementsOf(contractFields);
        for (QuestionnaireItemComponent question : questions) {
            String linkId = question.getLinkId();
            IntakeItem item = HeelPainIntake.item(linkId).orElseThrow();
            assertThat(question.getText()).as(linkId).isEqualTo(IntakeQuestions.question(linkId).label());
            assertThat(question.getRequired()).as(linkId + " required")
                    .isEqualTo(!linkId.equals("patient.phone") && !question.getRepeats());
            if (question.getType() == QuestionnaireItemType.INTEGER) {
                Range range = rangeOf(linkId);
                assertThat(extension(question, HeelPainQuestionnaire.MIN_VALUE)).as(linkId).isEqualTo(range.min());
                assertThat(extension(question, HeelPainQuestionnaire.MAX_VALUE)).as(linkId).isEqualTo(range.max());
            }
            if (question.getType() == QuestionnaireItemType.CHOICE) {
                ValueSet valueSet = (ValueSet) questionnaire.getContained().stream()
                        .filter(resource -> ("#" + resource.getIdElement().getIdPart())
                                .equals(question.getAnswerValueSet())).findFirst().orElseThrow();
                assertThat(valueSet.getExpansion().getContains()).extracting(c -> c.getCode())
                        .as(linkId).containsExactlyElementsOf(item.codeValues());
            }
        }
        assertThat(questions).filteredOn(QuestionnaireItemComponent::getRepeats)
                .extracting(QuestionnaireItemComponent::getLinkId)
                .containsExactlyInAnyOrder("painQualities", "symptoms", "recentLoadChanges");
    }

    @ParameterizedTest(name = "grouped={0}")
    @ValueSource(booleans = {false, true})
    void storesAValidResponseAsAReportAndAnswers201WithItsAddress(boolean grouped) {
        long reports = tables().reports();
        long outbox = tables().outbox();

        HttpResponse<String> response = http.post(RESPONSES, body(write(contractValues(), grouped)),
                "application/fhir+json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        QuestionnaireResponse stored = PARSER.parseResource(QuestionnaireResponse.class, response.body());
        UUID reportId = UUID.fromString(stored.getIdElement().getIdPart());
        assertThat(response.headers().firstValue("Location")).hasValue(RESPONSES + "/" + reportId);
        assertThat(response.headers().firstValue("Link")).hasValue("</api/v1/symptom-reports/" + reportId
                + ">; rel=\"status\"");
        assertThat(stored.getIdentifier().getValue()).isEqualTo(reportId.toString());
        assertThat(tables().reports()).isEqualTo(reports + 1);
        assertThat(tables().outbox()).isEqualTo(outbox + 1);
        assertThat(jdbc.queryForObject("select patient_email from symptom_report where id = ?", String.class,
                reportId)).isEqualTo(TestReports.EMAIL);
        assertThat(jdbc.queryForObject("select payload from outbox_event where message_key = ?", String.class,
                reportId.toString())).doesNotContain(TestReports.NAME, TestReports.EMAIL, TestReports.EXTERNAL_ID);
        assertThat(validation.errors(stored)).isEmpty();
    }

    @Test
    void theReadmesExampleResponseIsStored() throws IOException {
        byte[] example = Files.readAllBytes(Path.of(
                "../docs/examples/questionnaire-response.json"));

        HttpResponse<String> response = http.post(RESPONSES, example, "application/fhir+json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(validation.errors(PARSER.parseResource(QuestionnaireResponse.class,
                new String(example, StandardCharsets.UTF_8)))).isEmpty();
    }

    @Test
    void storesTheSameAnswersAsTheJsonApiDoesForTheSameReport() {
        HttpResponse<String> json = http.submit(TestReports.validJson());
        HttpResponse<String> fhir = http.post(RESPONSES, body(write(contractValues(), true)), "application/fhir+json");

        String jsonId = IntakeHttp.json(json).get("reportId").asString();
        String fhirId = PARSER.parseResource(QuestionnaireResponse.class, fhir.body()).getIdElement().getIdPart();
        String answers = "select answers from symptom_report where id = ?";
        assertThat(jdbc.queryForObject(answers, String.class, UUID.fromString(fhirId)))
                .isEqualTo(jdbc.queryForObject(answers, String.class, UUID.fromString(jsonId)));
    }

    @Test
    void readsAReportBackAsItsQuestionnaireResponseForItsOwnerOnly() {
        HttpResponse<String> created = http.post(RESPONSES, body(write(contractValues(), false)),
                "application/fhir+json");
        String location = created.headers().firstValue("Location").orElseThrow();

        HttpResponse<String> read = http.get(location);
        HttpResponse<String> byAnother = new IntakeHttp(port).get(location);
        HttpResponse<String> byClinician = http.as(TestIssuer.get().clinician("clinician-f")).get(location);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(created.body());
        assertThat(byClinician.statusCode()).isEqualTo(200);
        assertThat(byAnother.statusCode()).isEqualTo(404);
        assertThat(PARSER.parseResource(OperationOutcome.class, byAnother.body()).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.NOTFOUND);
        assertThat(http.get(RESPONSES + "/not-a-report").statusCode()).isEqualTo(404);
    }

    @Test
    void refusesAnInvalidResponseWithAnOperationOutcomeNamingEachItemAndStoresNothing() {
        Map<String, Object> values = contractValues();
        values.remove("ageYears");
        values.put("painScore", 12);
        values.put("patient.email", "not an address");
        QuestionnaireResponse response = write(values, false);
        item(response, "painLocation").getAnswerFirstRep().setValue(new Coding(
                HeelPainIntake.BASE + "/CodeSystem/pain-location", "KNEE", null));
        response.addItem().setLinkId("favouriteColour").addAnswer().setValue(new StringType("blue"));

        List<String> expressions = refused(body(response));

        assertThat(expressions).containsExactlyInAnyOrder(
                "QuestionnaireResponse.item.where(linkId='ageYears')",
                "QuestionnaireResponse.item.where(linkId='painScore').answer[0]",
                "QuestionnaireResponse.item.where(linkId='painLocation').answer[0]",
                "QuestionnaireResponse.item.where(linkId='favouriteColour')");
    }

    @Test
    void refusesWhatTheJsonApiRefusesTooNamingTheItem() {
        Map<String, Object> values = contractValues();
        values.put("patient.email", "not an address");
        values.put("patient.phone", "0123");

        assertThat(refused(body(write(values, true)))).containsExactlyInAnyOrder(
                "QuestionnaireResponse.repeat(item).where(linkId='patient.email')",
                "QuestionnaireResponse.repeat(item).where(linkId='patient.phone')");
    }

    /** Broken responses that HAPI's validator, reading the Questionnaire itself, refuses as well as we do. */
    static Stream<Arguments> brokenResponses() {
        return Stream.of(
                arguments("a number above its maxValue", broken(values -> values.put("painScore", 12)),
                        "QuestionnaireResponse.item.where(linkId='heel-pain').item.where(linkId='painScore')"
                                + ".answer[0]"),
                arguments("a required item missing", broken(values -> values.remove("canWalkNormally")),
                        "QuestionnaireResponse.item.where(linkId='canWalkNormally')"),
                arguments("a code outside the value set", broken(values -> values.put("trend", "SIDEWAYS")),
                        "QuestionnaireResponse.item.where(linkId='heel-pain').item.where(linkId='trend').answer[0]"),
                arguments("an item the Questionnaire does not have", unknownItem(),
                        "QuestionnaireResponse.item.where(linkId='heel-pain').item.where(linkId='shoeSize')"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenResponses")
    void hapisValidatorAgreesWithWhatWeRefuse(String broken, QuestionnaireResponse response, String expression) {
        assertThat(validation.errors(response)).as(validation.messages(response).toString()).isNotEmpty();
        assertThat(refused(body(response))).containsExactly(expression);
    }

    private static QuestionnaireResponse broken(Consumer<Map<String, Object>> change) {
        Map<String, Object> values = contractValues();
        change.accept(values);
        return write(values, true);
    }

    private static QuestionnaireResponse unknownItem() {
        QuestionnaireResponse response = write(contractValues(), true);
        response.getItem().get(1).addItem().setLinkId("shoeSize").addAnswer().setValue(new IntegerType(42));
        return response;
    }

    @Test
    void refusesMalformedFhirAnotherResourceAndAnotherQuestionnaire() {
        QuestionnaireResponse elsewhere = write(contractValues(), false);
        elsewhere.setQuestionnaire("https://elsewhere.example/Questionnaire/knee");

        assertThat(refusedWithoutExpression("{\"resourceType\": \"QuestionnaireResponse\", \"status\": ")).isTrue();
        assertThat(refusedWithoutExpression("{\"resourceType\":\"QuestionnaireResponse\",\"colour\":\"red\"}"))
                .isTrue();
        assertThat(refusedWithoutExpression("{\"resourceType\":\"Patient\"}")).isTrue();
        assertThat(refused(body(elsewhere))).containsExactly("QuestionnaireResponse.questionnaire");
    }

    @Test
    void asksForTheSameCallersAsTheJsonApi() {
        long before = tables().reports();
        byte[] body = body(write(contractValues(), false));

        assertThat(http.as(null).post(RESPONSES, body, "application/fhir+json").statusCode()).isEqualTo(401);
        assertThat(http.as(TestIssuer.get().client("reader", "reports:read"))
                .post(RESPONSES, body, "application/fhir+json").statusCode()).isEqualTo(403);
        assertThat(http.as(TestIssuer.get().client("ehr", "reports:write"))
                .post(RESPONSES, body, "application/fhir+json").statusCode()).isEqualTo(201);
        assertThat(tables().reports()).isEqualTo(before + 1);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersWithTheFirstReport() {
        byte[] body = body(write(contractValues(), true));
        String key = "\"" + UUID.randomUUID() + "\"";

        HttpResponse<String> first = post(body, key);
        long reports = tables().reports();
        HttpResponse<String> retry = post(body, key);

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(tables().reports()).isEqualTo(reports);
    }

    private HttpResponse<String> post(byte[] body, String key) {
        return http.postWithHeaders(RESPONSES, body, "application/fhir+json", "Idempotency-Key", key);
    }

    /** The expressions of a 400 OperationOutcome's issues, after checking that nothing was stored. */
    private List<String> refused(byte[] body) {
        long reports = tables().reports();
        HttpResponse<String> response = http.post(RESPONSES, body, "application/fhir+json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(IntakeHttp.contentType(response)).startsWith("application/fhir+json");
        assertThat(tables().reports()).isEqualTo(reports);
        OperationOutcome outcome = PARSER.parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssue()).allSatisfy(issue -> {
            assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(issue.getDiagnostics()).doesNotContain(TestReports.NAME, "not an address", "blue");
        });
        return outcome.getIssue().stream().flatMap(issue -> issue.getExpression().stream())
                .map(StringType::getValue).toList();
    }

    private boolean refusedWithoutExpression(String body) {
        return refused(body.getBytes(StandardCharsets.UTF_8)).isEmpty();
    }

    static Map<String, Object> contractValues() {
        Map<String, Object> json = TestReports.valid();
        Map<String, Object> values = new HashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> patient = (Map<String, Object>) json.remove("patient");
        patient.forEach((field, value) -> values.put("patient." + field, value));
        values.putAll(json);
        return values;
    }

    static QuestionnaireResponse write(Map<String, Object> values, boolean grouped) {
        return QuestionnaireResponseWriter.write(values, grouped);
    }

    static byte[] body(QuestionnaireResponse response) {
        return PARSER.encodeResourceToString(response).getBytes(StandardCharsets.UTF_8);
    }

    private Tables tables() {
        return new Tables(jdbc);
    }

    private static QuestionnaireResponse.QuestionnaireResponseItemComponent item(QuestionnaireResponse response,
                                                                                String linkId) {
        return response.getItem().stream().filter(item -> item.getLinkId().equals(linkId)).findFirst().orElseThrow();
    }

    private static Stream<QuestionnaireItemComponent> questions(List<QuestionnaireItemComponent> items) {
        return items.stream().flatMap(item -> switch (item.getType()) {
            case GROUP -> questions(item.getItem());
            case DISPLAY -> Stream.empty();
            default -> Stream.of(item);
        });
    }

    private static int extension(QuestionnaireItemComponent question, String url) {
        return ((IntegerType) question.getExtensionByUrl(url).getValue()).getValue();
    }

    private static Range rangeOf(String field) {
        return Arrays.stream(SymptomReportRequest.class.getRecordComponents())
                .filter(component -> component.getName().equals(field)).findFirst().orElseThrow()
                .getAccessor().getAnnotation(Range.class);
    }
}
