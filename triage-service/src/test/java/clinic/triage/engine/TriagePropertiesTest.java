package clinic.triage.engine;

import clinic.events.intake.IntakeAnswers;
import clinic.events.intake.PainQuality;
import clinic.events.intake.Symptom;
import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.RedFlag;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy's principles as properties over generated reports (jqwik): monotonicity, explainability of
 * every red flag, purity, and the fail-safe. jqwik prints the seed of any failure and shrinks the report
 * answer by answer.
 */
class TriagePropertiesTest {

    private static final TriageEngine ENGINE = TriageEngine.standard();
    private static final Map<String, Rule> RULES = HeelPainRules.rules().stream()
            .collect(Collectors.toMap(Rule::id, Function.identity()));

    /**
     * A change to one answer that the policy calls worse (principle 3: "adding a red flag, a symptom or a
     * worse answer"). Only changes in the direction the policy's tables make more worrying are listed: age,
     * pain location, first-step pain, easing once moving, tenderness at the back, load changes and duration
     * have no "worse" direction in the policy, so they are not here.
     */
    record Worsening(String name, UnaryOperator<int[]> change) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Worsening> worsenings() {
        List<Worsening> worse = new ArrayList<>();
        for (Symptom symptom : Symptom.values()) {
            worse.add(set("symptoms + " + symptom, Fields.SYMPTOMS, v -> v | 1 << symptom.ordinal()));
        }
        for (PainQuality quality : PainQuality.values()) {
            worse.add(set("painQualities + " + quality, Fields.PAIN_QUALITIES, v -> v | 1 << quality.ordinal()));
        }
        worse.add(set("suddenOnsetWithPopOrSnap = true", Fields.SUDDEN_ONSET_WITH_POP_OR_SNAP, v -> 1));
        worse.add(set("painAtRest one step worse (NONE, MILD, SIGNIFICANT)", Fields.PAIN_AT_REST,
                v -> Math.min(v + 1, 2)));
        worse.add(set("painScore + 1", Fields.PAIN_SCORE, v -> Math.min(v + 1, 10)));
        worse.add(set("trend one step worse (IMPROVING, STABLE, WORSENING)", Fields.TREND, v -> Math.min(v + 1, 2)));
        worse.add(set("worseningDespiteReducedLoad = true", Fields.WORSENING_DESPITE_REDUCED_LOAD, v -> 1));
        worse.add(set("canWalkNormally = false", Fields.CAN_WALK_NORMALLY, v -> 0));
        worse.add(set("canRunNormally = false", Fields.CAN_RUN_NORMALLY, v -> 0));
        worse.add(set("painOnSqueezingHeelSides = true", Fields.PAIN_ON_SQUEEZING_HEEL_SIDES, v -> 1));
        worse.add(set("worseWithActivity = true", Fields.WORSE_WITH_ACTIVITY, v -> 1));
        worse.add(set("hasDiabetes = true", Fields.HAS_DIABETES, v -> 1));
        worse.add(set("returnsWhenRunningResumes = true", Fields.RETURNS_WHEN_RUNNING_RESUMES, v -> 1));
        worse.add(new Worsening("one more week of load reduction and rehab, and the pain still returns", v -> {
            int[] changed = v.clone();
            int weeks = AnswerValues.index(Fields.WEEKS_OF_LOAD_REDUCTION_AND_REHAB);
            if (changed[AnswerValues.index(Fields.RETURNS_WHEN_RUNNING_RESUMES)] == 1) {
                changed[weeks] = Math.min(changed[weeks] + 1, Fields.WEEKS_OF_LOAD_REDUCTION_AND_REHAB.max());
            }
            return changed;
        }));
        return worse;
    }

    private static Worsening set(String name, Field<?> field, java.util.function.IntUnaryOperator change) {
        return new Worsening(name, v -> {
            int[] changed = v.clone();
            changed[AnswerValues.index(field)] = change.applyAsInt(changed[AnswerValues.index(field)]);
            return changed;
        });
    }

    @Provide
    Arbitrary<IntakeAnswers> reports() {
        return GeneratedReports.withinContract();
    }

    @Provide
    Arbitrary<IntakeAnswers> anything() {
        return GeneratedReports.anything();
    }

    @Provide
    Arbitrary<List<IntakeAnswers>> otherReports() {
        return GeneratedReports.anything().list().ofMaxSize(5);
    }

    @Provide
    Arbitrary<IntakeAnswers> outsideContract() {
        return GeneratedReports.outsideContract();
    }

    @Provide
    Arbitrary<List<Worsening>> worseChanges() {
        return Arbitraries.of(worsenings()).list().ofMinSize(1).ofMaxSize(6);
    }

    // --- monotonicity (principle 3) ---

    @Property
    void aWorseAnswerOrAnAddedSymptomNeverLowersUrgencyNorDropsARedFlag(@ForAll("reports") IntakeAnswers report,
                                                                        @ForAll("worseChanges") List<Worsening> changes) {
        int[] values = AnswerValues.read(report);
        TriageOutcome before = ENGINE.evaluate(report);
        for (Worsening change : changes) {
            values = change.change().apply(values);
            IntakeAnswers worse = GeneratedReports.answers(values);
            TriageOutcome after = ENGINE.evaluate(worse);

            assertThat(after.disposition().isMoreUrgentThan(before.disposition())
                    || after.disposition() == before.disposition())
                    .as("%s turned %s into %s", change, before.disposition(), after.disposition()).isTrue();
            assertThat(after.redFlags()).as("red flags after %s", change).containsAll(before.redFlags());
            before = after;
        }
    }

    @Property
    void answersNoRuleReadsNeverChangeTheDisposition(@ForAll("reports") IntakeAnswers report,
                                                     @ForAll("reports") IntakeAnswers other) {
        Set<String> read = new HashSet<>();
        HeelPainRules.rules().forEach(rule -> read.addAll(rule.reads()));
        int[] mixed = AnswerValues.read(report);
        int[] donor = AnswerValues.read(other);
        for (Field<?> field : Fields.ALL) {
            if (!read.contains(field.name())) {
                mixed[AnswerValues.index(field)] = donor[AnswerValues.index(field)];
            }
        }
        TriageOutcome original = ENGINE.evaluate(report);
        TriageOutcome changed = ENGINE.evaluate(GeneratedReports.answers(mixed));

        assertThat(changed.disposition()).isEqualTo(original.disposition());
        assertThat(changed.redFlags()).isEqualTo(original.redFlags());
        assertThat(changed.rulesFired()).isEqualTo(original.rulesFired());
    }

    // --- explainability (principle 4) ---

    @Example
    void everyRedFlagOfThePolicyHasARuleThatRaisesIt() {
        assertThat(HeelPainRules.rules()).extracting(Rule::redFlag).filteredOn(flag -> flag != null)
                .containsExactlyInAnyOrder(RedFlag.values());
    }

    @Property
    void everyRedFlagOnADecisionHasAFiredRuleThatRaisesIt(@ForAll("anything") IntakeAnswers report) {
        TriageOutcome outcome = ENGINE.evaluate(report);

        for (RedFlag flag : outcome.redFlags()) {
            assertThat(outcome.rulesFired()).as("rule for %s", flag)
                    .anyMatch(fired -> RULES.containsKey(fired.ruleId()) && RULES.get(fired.ruleId()).redFlag() == flag);
        }
        for (FiredRule fired : outcome.rulesFired()) {
            Rule rule = RULES.get(fired.ruleId());
            if (rule != null && rule.redFlag() != null) {
                assertThat(outcome.redFlags()).contains(rule.redFlag());
            }
        }
        assertThat(new LinkedHashSet<>(outcome.redFlags())).hasSameSizeAs(outcome.redFlags());
    }

    @Property
    void theDecisionIsTheMostUrgentProposalOfExactlyTheRulesThatHoldEachWithItsAnswersAndSource(
            @ForAll("reports") IntakeAnswers report) {
        TriageOutcome outcome = ENGINE.evaluate(report);

        List<String> holding = HeelPainRules.rules().stream().filter(rule -> rule.firesFor(report)).map(Rule::id)
                .toList();
        assertThat(outcome.rulesFired()).extracting(FiredRule::ruleId).containsExactlyElementsOf(holding);
        assertThat(outcome.rulesFired()).allSatisfy(fired -> {
            assertThat(fired.because()).isNotEmpty().allMatch(line -> !line.isBlank());
            assertThat(fired.source()).isEqualTo(RULES.get(fired.ruleId()).source());
            assertThat(fired.disposition()).isEqualTo(RULES.get(fired.ruleId()).disposition());
        });
        Disposition mostUrgent = outcome.rulesFired().stream().map(FiredRule::disposition)
                .reduce(Disposition.SELF_CARE, Disposition::mostUrgent);
        assertThat(outcome.disposition()).isEqualTo(mostUrgent);
        assertThat(outcome.disposition().needsUrgentReview()).isEqualTo(!outcome.redFlags().isEmpty());
        assertThat(outcome.selfCarePlan() == null).isEqualTo(outcome.disposition().needsUrgentReview());
        assertThat(outcome.likelyConditions()).hasSize(5);
    }

    // --- purity (principle 5 and "a pure function of the answers") ---

    @Property(tries = 250) // builds a fresh engine every try
    void sameAnswersGiveTheSameDecisionAndHashWhateverWasDecidedBefore(@ForAll("anything") IntakeAnswers report,
                                                                     @ForAll("otherReports")
                                                                     List<IntakeAnswers> others) {
        TriageOutcome first = TriageEngine.standard().evaluate(report);
        others.forEach(ENGINE::evaluate);
        TriageOutcome again = ENGINE.evaluate(report);
        TriageOutcome fromACopy = ENGINE.evaluate(copyWithOtherSetOrder(report));

        assertThat(again).isEqualTo(first);
        assertThat(fromACopy).isEqualTo(first);
        assertThat(again.ruleset()).isEqualTo(HeelPainRules.ruleset().ref());
        assertThat(again.ruleset().hash()).isEqualTo(HeelPainRules.ruleset().hash());
    }

    @Example
    void theEngineKeepsNoStateThatCouldChange() {
        for (Class<?> type : List.of(TriageEngine.class, Ruleset.class, Rule.class, Field.class, Fields.class,
                LikelyConditionRanker.class, SelfCarePlanner.class, Checks.class)) {
            assertThat(Arrays.stream(type.getDeclaredFields()).filter(field -> !field.isSynthetic()))
                    .as("fields of %s", type.getSimpleName())
                    .allMatch(field -> Modifier.isFinal(field.getModifiers()));
        }
    }

    // --- fail safe ---

    @Property
    void answersOutsideTheIntakeContractGoToAClinicianTheSameDayWithTheReason(
            @ForAll("outsideContract") IntakeAnswers report) {
        TriageOutcome outcome = ENGINE.evaluate(report);

        assertThat(outcome.disposition().needsUrgentReview()).isTrue();
        assertThat(outcome.selfCarePlan()).isNull();
        FiredRule failSafe = outcome.rulesFired().get(outcome.rulesFired().size() - 1);
        assertThat(failSafe.ruleId()).isEqualTo(FailSafe.RULE_ID);
        assertThat(failSafe.because()).isNotEmpty()
                .allMatch(line -> line.startsWith("the report could not be classified: "))
                .anyMatch(line -> line.endsWith(" is missing") || line.contains(" is outside the intake contract"));
    }

    private static IntakeAnswers copyWithOtherSetOrder(IntakeAnswers a) {
        return new IntakeAnswers(a.ageYears(), a.hasDiabetes(), a.painLocation(), reversed(a.painQualities()),
                reversed(a.symptoms()), a.worstOnFirstStepsAfterRest(), a.easesOnceMoving(), a.worseWithActivity(),
                a.painAtRest(), a.painScore(), a.trend(), a.worseningDespiteReducedLoad(), a.canWalkNormally(),
                a.canRunNormally(), a.painOnSqueezingHeelSides(), a.tenderBackOfHeelToPressure(),
                a.suddenOnsetWithPopOrSnap(), reversed(a.recentLoadChanges()), a.symptomDurationDays(),
                a.weeksOfLoadReductionAndRehab(), a.returnsWhenRunningResumes());
    }

    private static <E extends Enum<E>> Set<E> reversed(Set<E> set) {
        List<E> values = new ArrayList<>(set);
        values.sort((x, y) -> y.ordinal() - x.ordinal());
        return new LinkedHashSet<>(values);
    }
}
