package clinic.local;

import ca.uhn.fhir.context.FhirContext;
import clinic.fhir.QuestionnaireResponseWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same clinical answer through FHIR as through the JSON API, always: every worked example of the triage
 * policy and every vignette of the triage suite is submitted to the running platform twice, once as the JSON
 * API's report and once as a QuestionnaireResponse (alternately flat and in the Questionnaire's groups), and
 * both reports must come out of triage with the same disposition, red flags and top condition as each other
 * and as the policy expects. The same QuestionnaireResponse also goes to triage's CDS Hooks service, as an EHR
 * sends it (a token of the platform issuer's EHR client), whose card must say the same.
 */
@ExtendWith(SharedPlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirParityTest {

    private static final List<Case> CASES = load("vignettes/policy-examples.yml", "vignettes/heel-pain-vignettes.yml");
    private static final Duration DECISION_WAIT = Duration.ofSeconds(60);

    /** One made-up patient: the clinical answers as the JSON contract has them, and what the policy expects. */
    record Case(String id, Map<String, Object> answers, Map<String, Object> expected) {
        @Override
        public String toString() {
            return id;
        }
    }

    private record Submitted(UUID json, UUID fhir, Outcome card) {
    }

    private final Map<String, Submitted> submitted = new ConcurrentHashMap<>();
    private PlatformClient client;

    static List<Case> cases() {
        return CASES;
    }

    /**
     * All reports go in first, four at a time, so the parameterised checks mostly find their decisions already
     * made.
     */
    @BeforeAll
    void submitEveryCaseBothWays() throws InterruptedException {
        client = SharedPlatform.running().client();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < CASES.size(); i++) {
                Case each = CASES.get(i);
                boolean grouped = i % 2 == 0;
                sent.add(senders.submit(() -> submitted.put(each.id(), submit(each, grouped))));
            }
            for (Future<?> one : sent) {
                one.get();
            }
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } finally {
            senders.shutdownNow();
        }
    }

    private Submitted submit(Case each, boolean grouped) {
        UUID json = client.accept(jsonReport(each));
        String questionnaireResponse = questionnaireResponse(each, grouped);
        PlatformClient.Response fhir = client.submitFhir(questionnaireResponse);
        assertThat(fhir.status()).as(each.id() + ": " + fhir.body()).isEqualTo(201);
        UUID fhirId = UUID.fromString(fhir.json().get("id").asString());
        PlatformClient.Response cds = client.cdsHooks(questionnaireResponse);
        assertThat(cds.status()).as(each.id() + ": " + cds.body()).isEqualTo(200);
        return new Submitted(json, fhirId, cardOutcome(cds.json().path("cards").path(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givesTheSameDispositionRedFlagsAndTopConditionThroughFhirAsThroughJson(Case each) {
        Submitted reports = submitted.get(each.id());

        Outcome json = outcome(decided(reports.json()));
        Outcome fhir = outcome(decided(reports.fhir()));

        assertThat(fhir).as("through FHIR vs through JSON").isEqualTo(json);
        assertThat(reports.card()).as("CDS Hooks card vs JSON").isEqualTo(json);
        assertThat(json.disposition()).as("disposition").isEqualTo(each.expected().get("disposition"));
        assertThat(json.redFlags()).as("red flags")
                .isEqualTo(new TreeSet<>(strings(each.expected().get("redFlags"))));
        if (each.expected().containsKey("topCondition")) {
            assertThat(json.topCondition()).as("top condition").isEqualTo(each.expected().get("topCondition"));
        }
    }

    record Outcome(String disposition, Set<String> redFlags, String topCondition) {
    }

    private static Outcome outcome(JsonNode decision) {
        Set<String> redFlags = new TreeSet<>();
        decision.get("redFlags").forEach(flag -> redFlags.add(flag.asString()));
        JsonNode conditions = decision.get("likelyConditions");
        String top = conditions.isEmpty() ? null : conditions.get(0).get("condition").asString();
        return new Outcome(decision.get("disposition").asString(), redFlags, top);
    }

    /**
     * What a card says, read from its Markdown detail: the disposition line, the red-flag list and the first
     * ranked condition. The indicator must match the disposition.
     */
    private static Outcome cardOutcome(JsonNode card) {
        List<String> lines = card.path("detail").asString().lines().toList();
        String disposition = lines.get(0).replace("**Disposition:** ", "").trim();
        Set<String> redFlags = new TreeSet<>(lines.subList(lines.indexOf("### Red flags") + 1,
                lines.indexOf("### Rules fired")).stream().filter(line -> line.startsWith("- "))
                .map(line -> line.substring(2).trim()).toList());
        int ranked = lines.indexOf("### Likely conditions (ranked)") + 1;
        String top = lines.get(ranked).startsWith("1. ") ? lines.get(ranked).substring(3).split(" ")[0] : null;
        String indicator = switch (disposition) {
            case "EMERGENCY" -> "critical";
            case "URGENT_REVIEW" -> "warning";
            default -> "info";
        };
        assertThat(card.path("indicator").asString()).as("indicator of a " + disposition + " card").isEqualTo(indicator);
        return new Outcome(disposition, redFlags, top);
    }

    private JsonNode decided(UUID reportId) {
        AtomicReference<JsonNode> decision = new AtomicReference<>();
        await().atMost(DECISION_WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            PlatformClient.Response response = client.decision(reportId);
            if (response.status() == 200) {
                decision.set(response.json());
            }
            return decision.get() != null;
        });
        return decision.get();
    }

    private static Map<String, Object> jsonReport(Case each) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("patient", Map.of("externalId", "VIG-" + each.id(), "name", "Vignette Patient",
                "email", "vignette@example.org"));
        report.putAll(each.answers());
        return report;
    }

    private static String questionnaireResponse(Case each, boolean grouped) {
        Map<String, Object> values = new HashMap<>(each.answers());
        values.put("patient.externalId", "VIG-" + each.id());
        values.put("patient.name", "Vignette Patient");
        values.put("patient.email", "vignette@example.org");
        return FhirContext.forR4Cached().newJsonParser()
                .encodeResourceToString(QuestionnaireResponseWriter.write(values, grouped));
    }

    @SuppressWarnings("unchecked")
    private static List<Case> load(String... resources) {
        List<Case> cases = new ArrayList<>();
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (String resource : resources) {
            try (InputStream in = FhirParityTest.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource " + resource);
                }
                for (Map<String, Object> entry : (List<Map<String, Object>>) yaml.load(in)) {
                    cases.add(new Case((String) entry.get("id"), (Map<String, Object>) entry.get("answers"),
                            (Map<String, Object>) entry.get("expected")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(cases);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return list == null ? List.of() : (List<String>) list;
    }
}
