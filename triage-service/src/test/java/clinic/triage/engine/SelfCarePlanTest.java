package clinic.triage.engine;

import clinic.events.intake.Symptom;
import clinic.events.triage.SelfCarePlan;
import clinic.triage.testing.Answers;
import org.junit.jupiter.api.Test;

import static clinic.events.triage.Disposition.EMERGENCY;
import static clinic.events.triage.Disposition.ROUTINE_REVIEW;
import static clinic.events.triage.Disposition.SELF_CARE;
import static clinic.events.triage.Disposition.URGENT_REVIEW;
import static org.assertj.core.api.Assertions.assertThat;

class SelfCarePlanTest {

    private static final TriageEngine ENGINE = TriageEngine.standard();

    @Test
    void selfCareGetsASafetyNettedPlanWithATwoWeekRecheck() {
        TriageOutcome outcome = ENGINE.evaluate(Answers.plantarPicture().build());
        SelfCarePlan plan = outcome.selfCarePlan();

        assertThat(outcome.disposition()).isEqualTo(SELF_CARE);
        assertThat(plan).isNotNull();
        assertSafetyNetted(plan);
        assertThat(plan.summary()).contains("plantar heel pain");
        assertThat(plan.advice()).anyMatch(line -> line.contains("plantar fascia"))
                .anyMatch(line -> line.contains("Ice massage"))
                .anyMatch(line -> line.contains("48 hours"));
    }

    @Test
    void routineReviewGetsInterimAdvice() {
        TriageOutcome outcome = ENGINE.evaluate(Answers.plantarPicture().rehabWeeks(4, true).build());
        SelfCarePlan plan = outcome.selfCarePlan();

        assertThat(outcome.disposition()).isEqualTo(ROUTINE_REVIEW);
        assertThat(plan).isNotNull();
        assertSafetyNetted(plan);
        assertThat(plan.summary()).contains("A clinician will review your report within a few days");
    }

    @Test
    void urgentAndEmergencyReportsGetNoSelfCarePlan() {
        TriageOutcome urgent = ENGINE.evaluate(Answers.plantarPicture().with(Symptom.FEVER).build());
        TriageOutcome emergency = ENGINE.evaluate(Answers.achillesPicture().poppedOrSnapped().build());

        assertThat(urgent.disposition()).isEqualTo(URGENT_REVIEW);
        assertThat(urgent.selfCarePlan()).isNull();
        assertThat(emergency.disposition()).isEqualTo(EMERGENCY);
        assertThat(emergency.selfCarePlan()).isNull();
    }

    @Test
    void adviceIsTailoredToTheTopCondition() {
        assertThat(ENGINE.evaluate(Answers.achillesPicture().build()).selfCarePlan().advice())
                .anyMatch(line -> line.contains("calf-loading"));
        assertThat(ENGINE.evaluate(Answers.heelPadPicture().build()).selfCarePlan().advice())
                .anyMatch(line -> line.contains("heel cushion"));
        assertThat(ENGINE.evaluate(Answers.nervePicture().build()).selfCarePlan().summary())
                .contains("nerve");
    }

    @Test
    void diabetesSwapsIceForDailyFootChecks() {
        SelfCarePlan plan = ENGINE.evaluate(Answers.plantarPicture().diabetes().build()).selfCarePlan();

        assertThat(plan.advice()).anyMatch(line -> line.contains("check both feet every day"))
                .noneMatch(line -> line.contains("Ice massage"));
    }

    @Test
    void childrenGetGeneralInterimAdviceWithoutAnAdultCondition() {
        SelfCarePlan plan = ENGINE.evaluate(Answers.plantarPicture().age(11).build()).selfCarePlan();

        assertThat(plan.summary()).contains("written for adults").doesNotContain("plantar");
        assertThat(plan.advice()).noneMatch(line -> line.contains("plantar fascia"));
        assertSafetyNetted(plan);
    }

    private static void assertSafetyNetted(SelfCarePlan plan) {
        assertThat(plan.summary()).contains("uncertain", "diagnosis");
        assertThat(plan.watchFor()).anyMatch(line -> line.contains("pop or snap"))
                .anyMatch(line -> line.contains("fever"))
                .anyMatch(line -> line.contains("numbness or tingling"))
                .anyMatch(line -> line.contains("swelling or bruising"))
                .anyMatch(line -> line.contains("pain while the foot is resting"))
                .anyMatch(line -> line.contains("7 or more"))
                .anyMatch(line -> line.contains("walk or run normally"))
                .anyMatch(line -> line.contains("worse even though you have cut back"))
                .anyMatch(line -> line.contains("squeeze the sides of the heel"));
        assertThat(plan.howToGetHelp()).contains("contact the clinic", "emergency care");
        assertThat(plan.expectedCourse()).contains("weeks");
        assertThat(plan.recheck()).contains("2 weeks");
        assertThat(plan.advice()).anyMatch(line -> line.contains("Cut back"));
    }
}
