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
}
