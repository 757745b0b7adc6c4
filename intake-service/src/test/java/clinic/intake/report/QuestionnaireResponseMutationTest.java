package clinic.intake.report;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.Tables;
import clinic.support.testing.FhirValidation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of damaged QuestionnaireResponses, made from a valid one by random edits of its JSON (an element
 * removed, a value of another type, an array element repeated, an unknown element, the body cut short), each
 * sent to the running service. Every answer must be a 201 that stored one report, or a 400 OperationOutcome that
 * stored nothing; never a 5xx. A response we accept must also be one HAPI's validator finds valid against the
 * Questionnaire. The seed is fixed, so a failure replays; it is printed with each failure.
 */
@IntakeServiceTest
class QuestionnaireResponseMutationTest {

    private static final long SEED = 20261206L;
    private static final int MUTANTS = 300;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final IParser PARSER = FhirContext.forR4Cached().newJsonParser();
    private static final List<JsonNode> ODD_VALUES = List.of(JsonNodeFactory.instance.stringNode("x"),
            JsonNodeFactory.instance.numberNode(7), JsonNodeFactory.instance.numberNode(-1.5),
            JsonNodeFactory.instance.booleanNode(true), JsonNodeFactory.instance.nullNode(),
            JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.arrayNode(),
            JsonNodeFactory.instance.stringNode("ZZCANARY secret"));

    static FhirValidation validation;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void buildTheValidator() {
        validation = FhirIntakeTest.questionnaireValidation();
    }

    @Test
    void everyDamagedResponseIsStoredWholeOrRefusedWithAnOperationOutcome() {
        Random random = new Random(SEED);
        IntakeHttp http = new IntakeHttp(port).as(clinic.support.testing.TestIssuer.get()
                .client("ehr-mutations", "reports:write"));
        String valid = PARSER.encodeResourceToString(FhirIntakeTest.write(FhirIntakeTest.contractValues(), true));
        int accepted = 0;
        for (int i = 0; i < MUTANTS; i++) {
            byte[] body = mutant(valid, random);
            long before = new Tables(jdbc).reports();

            HttpResponse<String> response = http.post("/fhir/QuestionnaireResponse", body, "application/fhir+json");

            String described = "mutant " + i + " of seed " + SEED + ": " + new String(body, StandardCharsets.UTF_8);
            assertThat(response.statusCode()).as(described).isIn(201, 400);
            assertThat(IntakeHttp.contentType(response)).as(described).startsWith("application/fhir+json");
            if (response.statusCode() == 201) {
                accepted++;
                assertThat(new Tables(jdbc).reports()).as(described).isEqualTo(before + 1);
                QuestionnaireResponse sent = PARSER.parseResource(QuestionnaireResponse.class,
                        new String(body, StandardCharsets.UTF_8));
                assertThat(validation.errors(sent)).as(described).isEmpty();
            } else {
                assertThat(new Tables(jdbc).reports()).as(described).isEqualTo(before);
                OperationOutcome outcome = PARSER.parseResource(OperationOutcome.class, response.body());
                assertThat(outcome.getIssue()).as(described).isNotEmpty();
                assertThat(response.body()).as(described).doesNotContain("ZZCANARY");
            }
        }
        // the edits must not all be fatal, or the accepting side would go untested
        assertThat(accepted).as("mutants accepted").isBetween(1, MUTANTS - 1);
    }

    private static byte[] mutant(String valid, Random random) {
        if (random.nextInt(10) == 0) {
            byte[] whole = valid.getBytes(StandardCharsets.UTF_8);
            return java.util.Arrays.copyOf(whole, random.nextInt(whole.length));
        }
        JsonNode tree = JSON.readTree(valid);
        List<JsonNode> containers = new ArrayList<>();
        collect(tree, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>(object.propertyNames());
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(3)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(name, ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
                default -> object.set("zz" + name, object.get(name));
            }
        } else if (target instanceof ArrayNode array && !array.isEmpty()) {
            int index = random.nextInt(array.size());
            if (random.nextBoolean()) {
                array.add(array.get(index).deepCopy());
            } else {
                array.remove(index);
            }
        }
        return JSON.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainer()) {
            containers.add(node);
            for (JsonNode child : node) {
                collect(child, containers);
            }
        }
    }

}
