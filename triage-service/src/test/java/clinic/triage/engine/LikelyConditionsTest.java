package clinic.triage.engine;

import clinic.events.intake.LoadChange;
import clinic.events.intake.PainAtRest;
import clinic.events.intake.PainLocation;
import clinic.events.intake.PainQuality;
import clinic.events.intake.Symptom;
import clinic.events.intake.Trend;
import clinic.events.triage.Condition;
import clinic.events.triage.LikelyCondition;
import clinic.triage.testing.Answers;
import org.junit.jupiter.api.Test;

import java.util.List;

import static clinic.events.triage.Condition.ACHILLES_TENDINOPATHY;
import static clinic.events.triage.Condition.CALCANEAL_STRESS_FRACTURE;
import static clinic.events.triage.Condition.HEEL_PAD_SYNDROME;
import static clinic.events.triage.Condition.NERVE_ENTRAPMENT;
import static clinic.events.triage.Condition.PLANTAR_HEEL_PAIN;
import static org.assertj.core.api.Assertions.assertThat;

class LikelyConditionsTest {

    private static final TriageEngine ENGINE = TriageEngine.standard();

    @Test
    void firstStepPainUnderTheInnerHeelPointsToPlantarHeelPain() {
        TriageOutcome outcome = ENGINE.evaluate(Answers.plantarPicture().build());

        assertThat(outcome.topCondition()).isEqualTo(PLANTAR_HEEL_PAIN);
        assertThat(ranked(outcome, PLANTAR_HEEL_PAIN).evidence())
                .contains("+ pain at the bottom or inner side of the heel", "+ worst on the first steps after rest");
    }

    @Test
    void tenderBackOfTheHeelPointsToAchillesTendinopathy() {
        TriageOutcome outcome = ENGINE.evaluate(Answers.achillesPicture().build());

        assertThat(outcome.topCondition()).isEqualTo(ACHILLES_TENDINOPATHY);
        assertThat(ranked(outcome, PLANTAR_HEEL_PAIN).evidence())
                .contains("- pain at the back of the heel rather than underneath");
    }

    @Test
    void deepBruiseLikeCentralPainPointsToHeelPad() {
        assertThat(ENGINE.evaluate(Answers.heelPadPicture().build()).topCondition()).isEqualTo(HEEL_PAD_SYNDROME);
    }

    @Test
    void burningPointsToNerveEntrapmentEvenUnderTheHeelWithFirstStepPain() {
        TriageOutcome outcome = ENGINE.evaluate(Answers.nervePicture().loadChanges(LoadChange.MILEAGE)
                .feels(PainQuality.BURNING, PainQuality.SHARP).build());

        assertThat(outcome.topCondition()).isEqualTo(NERVE_ENTRAPMENT);
        assertThat(ranked(outcome, NERVE_ENTRAPMENT).evidence()).containsExactly("+ burning pain");
    }

    @Test
    void tinglingOrNumbnessPointToNerveEntrapment() {
        assertThat(ENGINE.evaluate(Answers.plantarPicture().with(Symptom.TINGLING).build()).topCondition())
                .isEqualTo(NERVE_ENTRAPMENT);
        assertThat(ENGINE.evaluate(Answers.achillesPicture().with(Symptom.NUMBNESS).build()).topCondition())
                .isEqualTo(NERVE_ENTRAPMENT);
    }

    @Test
    void squeezingPainPointsToStressFractureWhereverThePainIs() {
        assertThat(ENGINE.evaluate(Answers.stressFracturePicture().build()).topCondition())
                .isEqualTo(CALCANEAL_STRESS_FRACTURE);
        assertThat(ENGINE.evaluate(Answers.plantarPicture().hurtsWhenHeelSidesSqueezed().build()).topCondition())
                .isEqualTo(CALCANEAL_STRESS_FRACTURE);
    }

    @Test
    void progressivePainLingeringAtRestPointsToStressFracture() {
        TriageOutcome outcome = ENGINE.evaluate(Answers.plantarPicture().worseWithActivity().trend(Trend.WORSENING)
                .restPain(PainAtRest.MILD).build());

        assertThat(outcome.topCondition()).isEqualTo(CALCANEAL_STRESS_FRACTURE);
        assertThat(ranked(outcome, CALCANEAL_STRESS_FRACTURE).evidence())
                .contains("+ getting progressively worse with activity and lingering at rest");
    }

    @Test
    void ranksAllFiveWithScoresInOrderAndSignedEvidence() {
        List<LikelyCondition> ranking = ENGINE.evaluate(Answers.plantarPicture().build()).likelyConditions();

        assertThat(ranking).extracting(LikelyCondition::condition).containsExactlyInAnyOrder(Condition.values());
        assertThat(ranking).extracting(LikelyCondition::score).isSortedAccordingTo((a, b) -> b - a);
        assertThat(ranking).flatExtracting(LikelyCondition::evidence).isNotEmpty()
                .allMatch(line -> line.startsWith("+ ") || line.startsWith("- "));
        assertThat(ranked(ranking, PLANTAR_HEEL_PAIN).score()).isEqualTo(4 + 2 + 1 + 1 + 1);
    }

    @Test
    void tiesGoToTheConditionThatMostNeedsRulingOut() {
        // nothing points anywhere: only "against" signs hold, so scores tie at 0 and at -1
        List<LikelyCondition> ranking = ENGINE.evaluate(Answers.quiet().at(PainLocation.UNSURE)
                .restPain(PainAtRest.MILD).build()).likelyConditions();

        assertThat(ranking).extracting(LikelyCondition::score).containsExactly(0, 0, -1, -1, -1);
        assertThat(ranking).extracting(LikelyCondition::condition).containsExactly(ACHILLES_TENDINOPATHY,
                HEEL_PAD_SYNDROME, CALCANEAL_STRESS_FRACTURE, NERVE_ENTRAPMENT, PLANTAR_HEEL_PAIN);
    }

    private static LikelyCondition ranked(TriageOutcome outcome, Condition condition) {
        return ranked(outcome.likelyConditions(), condition);
    }

    private static LikelyCondition ranked(List<LikelyCondition> ranking, Condition condition) {
        return ranking.stream().filter(c -> c.condition() == condition).findFirst().orElseThrow();
    }
}
