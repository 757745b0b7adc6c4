package clinic.notification.decisions;

import clinic.events.triage.Disposition;
import clinic.events.triage.TriageDecisionMade;
import clinic.notification.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PatientNoticeTest {

    @Test
    void selfCareNoticeCarriesThePlan() {
        TriageDecisionMade decision = TestEvents.decisionPayload(UUID.randomUUID(), Disposition.SELF_CARE);

        PatientNotice notice = PatientNotice.of(decision);

        assertThat(notice.plan()).isEqualTo(decision.selfCarePlan());
        assertThat(notice.headline()).isEqualTo("Your self-care plan");
    }

    @Test
    void routineReviewNoticeSaysAClinicianWillReviewAndCarriesTheInterimAdvice() {
        TriageDecisionMade decision = TestEvents.decisionPayload(UUID.randomUUID(), Disposition.ROUTINE_REVIEW);

        PatientNotice notice = PatientNotice.of(decision);

        assertThat(notice.plan()).isEqualTo(decision.selfCarePlan());
        assertThat(notice.headline()).contains("clinician will review");
    }

    @Test
    void urgentReviewNoticeSaysAClinicianWillContactThePatient() {
        PatientNotice notice = PatientNotice.of(TestEvents.decisionPayload(UUID.randomUUID(),
                Disposition.URGENT_REVIEW));

        assertThat(notice.headline()).isEqualTo("A clinician will contact you today");
        assertThat(notice.message()).contains("seek urgent care");
        assertThat(notice.plan()).isNull();
    }

    @Test
    void emergencyNoticeSendsThePatientToEmergencyCareNow() {
        PatientNotice notice = PatientNotice.of(TestEvents.decisionPayload(UUID.randomUUID(), Disposition.EMERGENCY));

        assertThat(notice.headline()).isEqualTo("Seek emergency care now");
        assertThat(notice.message()).contains("emergency department").contains("A clinician will also contact you");
        assertThat(notice.plan()).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = Disposition.class, names = {"SELF_CARE", "ROUTINE_REVIEW"})
    void aDecisionThatShouldCarryAPlanButHasNoneGetsTheSafeGenericNotice(Disposition disposition) {
        TriageDecisionMade withPlan = TestEvents.decisionPayload(UUID.randomUUID(), disposition);
        TriageDecisionMade withoutPlan = new TriageDecisionMade(withPlan.reportId(), disposition,
                withPlan.redFlags(), withPlan.likelyConditions(), withPlan.rulesFired(), null, withPlan.ruleset(),
                withPlan.decidedAt());

        PatientNotice notice = PatientNotice.of(withoutPlan);

        assertThat(PatientNotice.lacksPlan(withoutPlan)).isTrue();
        assertThat(notice.disposition()).isEqualTo(disposition);
        assertThat(notice.headline()).isEqualTo("A clinician will review your answers");
        assertThat(notice.message()).contains("Contact the clinic", "seek urgent care");
        assertThat(notice.plan()).isNull();
    }

    @Test
    void urgentDecisionsNeverLackAPlanTheyDoNotCarry() {
        assertThat(PatientNotice.lacksPlan(TestEvents.decisionPayload(UUID.randomUUID(), Disposition.EMERGENCY)))
                .isFalse();
        assertThat(PatientNotice.lacksPlan(TestEvents.decisionPayload(UUID.randomUUID(), Disposition.SELF_CARE)))
                .isFalse();
    }
}
