package clinic.triage.engine;

import clinic.events.intake.PainAtRest;
import clinic.events.intake.PainQuality;
import clinic.events.intake.Symptom;
import clinic.events.intake.Trend;
import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.RedFlag;
import clinic.triage.testing.Answers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static clinic.events.triage.Disposition.EMERGENCY;
import static clinic.events.triage.Disposition.ROUTINE_REVIEW;
import static clinic.events.triage.Disposition.SELF_CARE;
import static clinic.events.triage.Disposition.URGENT_REVIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each rule of the policy's tables, alone: it fires, it proposes its disposition, it quotes its answers. */
class TriageRulesTest {

    private static final TriageEngine ENGINE = TriageEngine.standard();

    static Stream<Arguments> redFlags() {
        return Stream.of(
                redFlag("RF-SUSPECTED-RUPTURE-OR-FRACTURE", RedFlag.SUSPECTED_RUPTURE_OR_FRACTURE, EMERGENCY,
                        Answers::poppedOrSnapped, "suddenOnsetWithPopOrSnap = true"),
                redFlag("RF-FEVER", RedFlag.FEVER, URGENT_REVIEW, a -> a.with(Symptom.FEVER),
                        "symptoms includes FEVER"),
                redFlag("RF-NUMBNESS", RedFlag.NUMBNESS, URGENT_REVIEW, a -> a.with(Symptom.NUMBNESS),
                        "symptoms includes NUMBNESS"),
                redFlag("RF-TINGLING", RedFlag.TINGLING, URGENT_REVIEW, a -> a.with(Symptom.TINGLING),
                        "symptoms includes TINGLING"),
                redFlag("RF-SWELLING", RedFlag.SWELLING, URGENT_REVIEW, a -> a.with(Symptom.SWELLING),
                        "symptoms includes SWELLING"),
                redFlag("RF-BRUISING", RedFlag.BRUISING, URGENT_REVIEW, a -> a.with(Symptom.BRUISING),
                        "symptoms includes BRUISING"),
                redFlag("RF-SIGNIFICANT-REST-PAIN", RedFlag.SIGNIFICANT_REST_PAIN, URGENT_REVIEW,
                        a -> a.restPain(PainAtRest.SIGNIFICANT), "painAtRest = SIGNIFICANT"),
                redFlag("RF-SEVERE-PAIN", RedFlag.SEVERE_PAIN, URGENT_REVIEW, a -> a.score(8),
                        "painScore = 8 (>= 7)"),
                redFlag("RF-UNABLE-TO-WALK-NORMALLY", RedFlag.UNABLE_TO_WALK_NORMALLY, URGENT_REVIEW,
                        Answers::cannotWalkNormally, "canWalkNormally = false"),
                redFlag("RF-UNABLE-TO-RUN-NORMALLY", RedFlag.UNABLE_TO_RUN_NORMALLY, URGENT_REVIEW,
                        Answers::cannotRunNormally, "canRunNormally = false"),
                redFlag("RF-WORSENING-DESPITE-REDUCED-LOAD", RedFlag.WORSENING_DESPITE_REDUCED_LOAD, URGENT_REVIEW,
                        Answers::worseningDespiteReducedLoad, "worseningDespiteReducedLoad = true"),
                redFlag("RF-SUSPECTED-STRESS-FRACTURE", RedFlag.SUSPECTED_STRESS_FRACTURE, URGENT_REVIEW,
                        Answers::hurtsWhenHeelSidesSqueezed, "painOnSqueezingHeelSides = true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redFlags")
    void redFlagFiresAloneWithItsDispositionAndTriggeringAnswer(String ruleId, RedFlag flag, Disposition expected,
                                                               UnaryOperator<Answers> change, String because) {
        TriageOutcome outcome = ENGINE.evaluate(change.apply(Answers.quiet()).build());

        assertThat(outcome.rulesFired()).extracting(FiredRule::ruleId).containsExactly(ruleId);
        assertThat(outcome.disposition()).isEqualTo(expected);
        assertThat(outcome.redFlags()).containsExactly(flag);
        assertThat(outcome.rulesFired().get(0).because()).containsExactly(because);
        assertThat(outcome.rulesFired().get(0).source()).isNotBlank();
    }

    @Test
    void stressFractureAlsoFiresForProgressivePainThatLingersAtRest() {
        TriageOutcome outcome = ENGINE.evaluate(Answers.quiet().worseWithActivity().trend(Trend.WORSENING)
                .restPain(PainAtRest.MILD).build());

        assertThat(outcome.rulesFired()).extracting(FiredRule::ruleId).containsExactly("RF-SUSPECTED-STRESS-FRACTURE");
        assertThat(outcome.redFlags()).containsExactly(RedFlag.SUSPECTED_STRESS_FRACTURE);
        assertThat(outcome.rulesFired().get(0).because())
                .containsExactly("worseWithActivity = true", "trend = WORSENING", "painAtRest = MILD (not NONE)");
    }

    @Test
    void progressivePainWithoutRestPainIsNoStressFracture() {
        TriageOutcome outcome = ENGINE.evaluate(Answers.quiet().worseWithActivity().trend(Trend.WORSENING).build());

        assertThat(outcome.disposition()).isEqualTo(SELF_CARE);
        assertThat(outcome.rulesFired()).isEmpty();
    }

    @Test
    void severePainStartsAtSeven() {
        assertThat(ENGINE.evaluate(Answers.quiet().score(6).build()).redFlags()).isEmpty();
        assertThat(ENGINE.evaluate(Answers.quiet().score(7).build()).redFlags()).containsExactly(RedFlag.SEVERE_PAIN);
    }

    static Stream<Arguments> reviewTriggers() {
        return Stream.of(
                arguments("RT-PERSISTS-AFTER-CONSERVATIVE-CARE", (UnaryOperator<Answers>) a -> a.rehabWeeks(3, true),
                        new String[] {"weeksOfLoadReductionAndRehab = 3 (>= 3)", "returnsWhenRunningResumes = true"}),
                arguments("RT-NERVE-PATTERN", (UnaryOperator<Answers>) a -> a.feels(PainQuality.BURNING),
                        new String[] {"painQualities includes BURNING", "symptoms includes none of [NUMBNESS, TINGLING]"}),
                arguments("RT-DIABETES", (UnaryOperator<Answers>) Answers::diabetes,
                        new String[] {"hasDiabetes = true"}),
                arguments("RT-OUTSIDE-ADULT-RULESET", (UnaryOperator<Answers>) a -> a.age(12),
                        new String[] {"ageYears = 12 (< 16)"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reviewTriggers")
    void reviewTriggerFiresAloneForRoutineReviewWithoutRedFlag(String ruleId, UnaryOperator<Answers> change,
                                                               String[] because) {
        TriageOutcome outcome = ENGINE.evaluate(change.apply(Answers.quiet()).build());

        assertThat(outcome.rulesFired()).extracting(FiredRule::ruleId).containsExactly(ruleId);
        assertThat(outcome.disposition()).isEqualTo(ROUTINE_REVIEW);
        assertThat(outcome.redFlags()).isEmpty();
        assertThat(outcome.rulesFired().get(0).because()).containsExactly(because);
    }

    @Test
    void conservativeCareTriggerNeedsThreeWeeksAndPainReturningOnRunning() {
        assertThat(ENGINE.evaluate(Answers.quiet().rehabWeeks(2, true).build()).rulesFired()).isEmpty();
        assertThat(ENGINE.evaluate(Answers.quiet().rehabWeeks(6, false).build()).rulesFired()).isEmpty();
    }

    @Test
    void burningWithNumbnessIsARedFlagRatherThanTheRoutineNervePattern() {
        TriageOutcome outcome = ENGINE.evaluate(Answers.quiet().feels(PainQuality.BURNING).with(Symptom.NUMBNESS)
                .build());

        assertThat(outcome.rulesFired()).extracting(FiredRule::ruleId).containsExactly("RF-NUMBNESS");
        assertThat(outcome.disposition()).isEqualTo(URGENT_REVIEW);
    }

    @Test
    void adultRulesetStartsAtSixteen() {
        assertThat(ENGINE.evaluate(Answers.quiet().age(15).build()).disposition()).isEqualTo(ROUTINE_REVIEW);
        assertThat(ENGINE.evaluate(Answers.quiet().age(16).build()).disposition()).isEqualTo(SELF_CARE);
    }

    @Test
    void selfCareWhenNothingFires() {
        TriageOutcome outcome = ENGINE.evaluate(Answers.plantarPicture().build());

        assertThat(outcome.disposition()).isEqualTo(SELF_CARE);
        assertThat(outcome.rulesFired()).isEmpty();
        assertThat(outcome.redFlags()).isEmpty();
    }

    @Test
    void mostUrgentProposalWins() {
        TriageOutcome emergency = ENGINE.evaluate(Answers.quiet().diabetes().with(Symptom.SWELLING).poppedOrSnapped()
                .build());
        TriageOutcome urgent = ENGINE.evaluate(Answers.quiet().diabetes().age(14).with(Symptom.FEVER).build());

        assertThat(emergency.disposition()).isEqualTo(EMERGENCY);
        assertThat(emergency.rulesFired()).extracting(FiredRule::ruleId)
                .containsExactly("RF-SUSPECTED-RUPTURE-OR-FRACTURE", "RF-SWELLING", "RT-DIABETES");
        assertThat(emergency.redFlags()).containsExactly(RedFlag.SUSPECTED_RUPTURE_OR_FRACTURE, RedFlag.SWELLING);
        assertThat(urgent.disposition()).isEqualTo(URGENT_REVIEW);
        assertThat(urgent.rulesFired()).extracting(FiredRule::ruleId)
                .containsExactly("RF-FEVER", "RT-DIABETES", "RT-OUTSIDE-ADULT-RULESET");
    }

    @Test
    void everyRuleOfTheRulesetCarriesReasonSourceAndReads() {
        assertThat(ENGINE.ruleset().rules()).allSatisfy(rule -> {
            assertThat(rule.reason()).isNotBlank();
            assertThat(rule.source()).isNotBlank();
            assertThat(rule.reads()).isNotEmpty();
        });
        assertThat(ENGINE.ruleset().rules()).filteredOn(rule -> rule.kind() == RuleKind.RED_FLAG)
                .extracting(Rule::redFlag).containsExactlyInAnyOrder(RedFlag.values());
    }

    @Test
    void everyRuleOfTheRulesetHasAFiresAloneCaseAbove() {
        Stream<Object> tested = Stream.concat(redFlags(), reviewTriggers()).map(arguments -> arguments.get()[0]);

        assertThat(tested).containsExactlyInAnyOrderElementsOf(
                ENGINE.ruleset().rules().stream().map(Rule::id).toList());
    }

    private static Arguments redFlag(String id, RedFlag flag, Disposition disposition, UnaryOperator<Answers> change,
                                     String because) {
        return arguments(id, flag, disposition, change, because);
    }
}
