package clinic.notification.decisions;

import clinic.events.InvalidEventException;
import clinic.events.triage.Disposition;
import clinic.events.triage.TriageDecisionMade;
import clinic.notification.TestEvents;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aSelfCareDecisionWithoutAPlanCanNeverBeProcessed() {
        TriageDecisionMade withPlan = TestEvents.decisionPayload(UUID.randomUUID(), Disposition.SELF_CARE);
        TriageDecisionMade withoutPlan = new TriageDecisionMade(withPlan.reportId(), Disposition.SELF_CARE,
                withPlan.redFlags(), withPlan.likelyConditions(), withPlan.rulesFired(), null, withPlan.ruleset(),
                withPlan.decidedAt());

        assertThatThrownBy(() -> PatientNotice.of(withoutPlan))
                .isInstanceOfSatisfying(InvalidEventException.class, e ->
                        assertThat(e.reason()).isEqualTo(InvalidEventException.Reason.SCHEMA_VIOLATION))
                .hasMessageContaining("/selfCarePlan");
    }
}
