package clinic.triage.engine;

import clinic.events.intake.IntakeAnswers;
import clinic.events.triage.FiredRule;
import clinic.triage.testing.Answers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static clinic.events.triage.Disposition.EMERGENCY;
import static clinic.events.triage.Disposition.ROUTINE_REVIEW;
import static clinic.events.triage.Disposition.URGENT_REVIEW;
import static org.assertj.core.api.Assertions.assertThat;

class FailSafeTest {

    /** A rule whose condition blows up, as a bug in a future rule might. */
    private static final Rule BROKEN = Rule.reviewTrigger("RT-BROKEN", "BROKEN", ROUTINE_REVIEW, new Check() {
        public boolean test(IntakeAnswers answers) {
            throw new IllegalStateException("boom with patient detail that must not leak");
        }

        public void explain(IntakeAnswers answers, List<String> because) {
        }

        public void reads(Set<String> fields) {
            fields.add("painScore");
        }

        public String describe() {
            return "always fails";
        }
    }, "Broken on purpose.", "Test only.");

    @Test
    void aRuleThatThrowsSendsTheReportToUrgentReviewInsteadOfSelfCare() {
        TriageEngine engine = new TriageEngine(new Ruleset("test", "0.0.1", List.of(BROKEN), ConditionSigns.all()));

        TriageOutcome outcome = engine.evaluate(Answers.plantarPicture().build());

        assertThat(outcome.disposition()).isEqualTo(URGENT_REVIEW);
        assertThat(outcome.selfCarePlan()).isNull();
        assertThat(outcome.rulesFired()).extracting(FiredRule::ruleId).containsExactly("FAIL-SAFE");
        FiredRule failSafe = outcome.rulesFired().get(0);
        assertThat(failSafe.disposition()).isEqualTo(URGENT_REVIEW);
        assertThat(failSafe.because()).singleElement().asString()
                .contains("could not be classified", "RT-BROKEN", "IllegalStateException")
                .doesNotContain("patient detail");
        assertThat(failSafe.source()).contains("Never under-triage");
    }

    @Test
    void theOtherRulesStillCountSoAnEmergencyStaysAnEmergency() {
        List<Rule> rules = new java.util.ArrayList<>(HeelPainRules.rules());
        rules.add(0, BROKEN);
        TriageEngine engine = new TriageEngine(new Ruleset("test", "0.0.1", rules, ConditionSigns.all()));

        TriageOutcome outcome = engine.evaluate(Answers.quiet().poppedOrSnapped().build());

        assertThat(outcome.disposition()).isEqualTo(EMERGENCY);
        assertThat(outcome.rulesFired()).extracting(FiredRule::ruleId)
                .containsExactly("RF-SUSPECTED-RUPTURE-OR-FRACTURE", "FAIL-SAFE");
    }

    @Test
    void missingAnswersFailSafe() {
        TriageOutcome outcome = TriageEngine.standard().evaluate(null);

        assertThat(outcome.disposition()).isEqualTo(URGENT_REVIEW);
        assertThat(outcome.rulesFired()).extracting(FiredRule::ruleId).containsExactly("FAIL-SAFE");
        assertThat(outcome.likelyConditions()).isEmpty();
        assertThat(outcome.selfCarePlan()).isNull();
    }

    @Test
    void aMissingChoiceCannotBeClassifiedSoAClinicianReviewsItTheSameDay() {
        IntakeAnswers answers = withValue(Answers.plantarPicture().build(), Fields.PAIN_LOCATION,
                AnswerValues.MISSING);

        TriageOutcome outcome = TriageEngine.standard().evaluate(answers);

        assertThat(outcome.disposition()).isEqualTo(URGENT_REVIEW);
        assertThat(outcome.selfCarePlan()).isNull();
        assertThat(outcome.rulesFired()).extracting(FiredRule::ruleId).containsExactly("FAIL-SAFE");
        assertThat(outcome.rulesFired().get(0).because())
                .containsExactly("the report could not be classified: painLocation is missing");
        assertThat(outcome.likelyConditions()).hasSize(5);
    }

    @Test
    void numbersOutsideTheContractAreNamedWithoutTheirValues() {
        int[] values = AnswerValues.read(Answers.quiet().build());
        values[AnswerValues.index(Fields.PAIN_SCORE)] = 11;
        values[AnswerValues.index(Fields.AGE_YEARS)] = 0;
        values[AnswerValues.index(Fields.WEEKS_OF_LOAD_REDUCTION_AND_REHAB)] = -1;
        values[AnswerValues.index(Fields.TREND)] = AnswerValues.MISSING;

        TriageOutcome outcome = TriageEngine.standard().evaluate(GeneratedReports.answers(values));

        assertThat(outcome.disposition()).isEqualTo(URGENT_REVIEW);
        FiredRule failSafe = outcome.rulesFired().get(outcome.rulesFired().size() - 1);
        assertThat(failSafe.ruleId()).isEqualTo("FAIL-SAFE");
        assertThat(failSafe.because()).containsExactly(
                "the report could not be classified: ageYears is outside the intake contract"
                        + " (a whole number from 1 to 120)",
                "the report could not be classified: painScore is outside the intake contract"
                        + " (a whole number from 0 to 10)",
                "the report could not be classified: trend is missing",
                "the report could not be classified: weeksOfLoadReductionAndRehab is outside the intake contract"
                        + " (a whole number from 0 to 520)");
        // the rules that could be read still fired, with the answers as given
        assertThat(outcome.rulesFired()).extracting(FiredRule::ruleId)
                .containsExactly("RF-SEVERE-PAIN", "RT-OUTSIDE-ADULT-RULESET", "FAIL-SAFE");
        assertThat(outcome.rulesFired().get(0).because()).containsExactly("painScore = 11 (>= 7)");
    }

    @Test
    void anEmergencyWithAnAnswerOutsideTheContractStaysAnEmergency() {
        IntakeAnswers answers = withValue(Answers.quiet().poppedOrSnapped().build(), Fields.PAIN_AT_REST,
                AnswerValues.MISSING);

        TriageOutcome outcome = TriageEngine.standard().evaluate(answers);

        assertThat(outcome.disposition()).isEqualTo(EMERGENCY);
        assertThat(outcome.redFlags()).containsExactly(clinic.events.triage.RedFlag.SUSPECTED_RUPTURE_OR_FRACTURE);
        assertThat(outcome.rulesFired()).extracting(FiredRule::ruleId)
                .containsExactly("RF-SUSPECTED-RUPTURE-OR-FRACTURE", "FAIL-SAFE");
    }

    @Test
    void aRuleThatThrowsIsListedAfterTheAnswersOutsideTheContract() {
        TriageEngine engine = new TriageEngine(new Ruleset("test", "0.0.1", List.of(BROKEN), ConditionSigns.all()));

        assertThat(engine.evaluate(withValue(Answers.quiet().build(), Fields.PAIN_SCORE, 42)).rulesFired())
                .singleElement().satisfies(failSafe -> assertThat(failSafe.because()).containsExactly(
                        "the report could not be classified: painScore is outside the intake contract"
                                + " (a whole number from 0 to 10)",
                        "the report could not be classified: rule RT-BROKEN failed (IllegalStateException)"));
    }

    private static IntakeAnswers withValue(IntakeAnswers answers, Field<?> field, int value) {
        int[] values = AnswerValues.read(answers);
        values[AnswerValues.index(field)] = value;
        return GeneratedReports.answers(values);
    }
}
