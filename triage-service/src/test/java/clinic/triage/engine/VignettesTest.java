package clinic.triage.engine;

import clinic.events.intake.IntakeAnswers;
import clinic.events.triage.Condition;
import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.RedFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vignette suite: made-up patients in {@code vignettes/heel-pain-vignettes.yml}, each traced to a line
 * of the triage policy, with the outcome the policy expects. The answers are read as the intake contract
 * reads them (every field required, unknown fields rejected), independently of the engine's own code.
 */
class VignettesTest {

    private static final TriageEngine ENGINE = TriageEngine.standard();
    private static final List<Vignette> VIGNETTES = load();

    record Expected(Disposition disposition, Set<RedFlag> redFlags, Set<String> reviewTriggers,
                    Condition topCondition) {
    }

    record Vignette(String id, String description, String policy, IntakeAnswers answers, Expected expected) {
        @Override
        public String toString() {
            return id + " " + description;
        }
    }

    static List<Vignette> vignettes() {
        return VIGNETTES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vignettes")
    void comesOutAsThePolicyExpects(Vignette vignette) {
        TriageOutcome outcome = ENGINE.evaluate(vignette.answers());

        assertThat(outcome.disposition()).as("disposition").isEqualTo(vignette.expected().disposition());
        assertThat(Set.copyOf(outcome.redFlags())).as("red flags").isEqualTo(vignette.expected().redFlags());
        assertThat(reviewTriggers(outcome)).as("review triggers").isEqualTo(vignette.expected().reviewTriggers());
        assertThat(outcome.topCondition()).as("top condition").isEqualTo(vignette.expected().topCondition());
        assertThat(outcome.rulesFired()).extracting(FiredRule::ruleId).doesNotContain(FailSafe.RULE_ID);
    }

    /** Principle 1: no EMERGENCY or URGENT_REVIEW vignette may come out less urgent than expected. */
    @Test
    void noEmergencyOrUrgentVignetteIsUnderTriaged() {
        List<Vignette> urgent = VIGNETTES.stream().filter(v -> v.expected().disposition().needsUrgentReview())
                .toList();
        List<String> underTriaged = urgent.stream()
                .filter(v -> v.expected().disposition().isMoreUrgentThan(ENGINE.evaluate(v.answers()).disposition()))
                .map(Vignette::id).toList();
        double underTriageRate = (double) underTriaged.size() / urgent.size();

        assertThat(urgent).hasSizeGreaterThanOrEqualTo(30);
        assertThat(underTriaged).as("under-triaged vignettes").isEmpty();
        assertThat(underTriageRate).as("under-triage rate").isZero();
    }

    @Test
    void theSuiteIsLargeBalancedAndTraced() {
        Map<Disposition, Long> perDisposition = new EnumMap<>(Disposition.class);
        VIGNETTES.forEach(v -> perDisposition.merge(v.expected().disposition(), 1L, Long::sum));

        assertThat(VIGNETTES).hasSizeGreaterThanOrEqualTo(60);
        assertThat(perDisposition).containsOnlyKeys(Disposition.values()).allSatisfy((disposition, count) ->
                assertThat(count).as("%s vignettes", disposition).isGreaterThanOrEqualTo(15));
        assertThat(VIGNETTES).extracting(Vignette::id).doesNotHaveDuplicates();
        assertThat(VIGNETTES).allSatisfy(v -> {
            assertThat(v.description()).isNotBlank();
            assertThat(v.policy()).startsWith("triage-policy.md ");
        });
    }

    /** Every red flag and every review trigger of the policy is exercised by at least one vignette. */
    @Test
    void everyRedFlagAndReviewTriggerAppearsInSomeVignette() {
        Set<RedFlag> flags = VIGNETTES.stream().flatMap(v -> v.expected().redFlags().stream())
                .collect(Collectors.toSet());
        Set<String> triggers = VIGNETTES.stream().flatMap(v -> v.expected().reviewTriggers().stream())
                .collect(Collectors.toSet());
        Set<Condition> tops = VIGNETTES.stream().map(v -> v.expected().topCondition()).collect(Collectors.toSet());

        assertThat(flags).containsExactlyInAnyOrder(RedFlag.values());
        assertThat(triggers).containsExactlyInAnyOrderElementsOf(HeelPainRules.rules().stream()
                .filter(rule -> rule.kind() == RuleKind.REVIEW_TRIGGER).map(Rule::flag).toList());
        assertThat(tops).containsExactlyInAnyOrder(Condition.values());
    }

    private static Set<String> reviewTriggers(TriageOutcome outcome) {
        Map<String, Rule> rules = HeelPainRules.rules().stream()
                .collect(Collectors.toMap(Rule::id, rule -> rule));
        return outcome.rulesFired().stream().map(fired -> rules.get(fired.ruleId()))
                .filter(rule -> rule != null && rule.kind() == RuleKind.REVIEW_TRIGGER).map(Rule::flag)
                .collect(Collectors.toSet());
    }

    private static List<Vignette> load() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        try (InputStream yaml = VignettesTest.class.getResourceAsStream("/vignettes/heel-pain-vignettes.yml")) {
            List<?> cases = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
            List<Vignette> vignettes = cases.stream().map(c -> mapper.convertValue(c, Vignette.class)).toList();
            for (int i = 0; i < cases.size(); i++) { // all 21 answers, none missing, none unknown, in every case
                Set<String> given = ((Map<?, ?>) ((Map<?, ?>) cases.get(i)).get("answers")).keySet().stream()
                        .map(String::valueOf).collect(Collectors.toSet());
                assertThat(given).as(vignettes.get(i).id())
                        .containsExactlyInAnyOrderElementsOf(Fields.ALL.stream().map(Field::name).toList());
            }
            return vignettes;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the vignettes", e);
        }
    }
}
