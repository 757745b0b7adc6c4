package clinic.triage.decision;

import clinic.events.IncomingEvent;
import clinic.events.intake.SymptomReportSubmitted;
import clinic.support.outbox.Outbox;
import clinic.triage.testing.Answers;
import clinic.triage.testing.ReportEvents;
import clinic.triage.testing.TriageServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@TriageServiceTest
class TriageTest {

    @Autowired
    Triage triage;
    @Autowired
    Outbox outbox;

    @Test
    void decidesAReportOnceWhateverIsRedelivered() {
        UUID reportId = UUID.randomUUID();
        IncomingEvent<SymptomReportSubmitted> event = ReportEvents.incoming(reportId, Answers.heelPadPicture().build());

        assertThat(triage.decide(event)).isEqualTo(Triage.Result.DECIDED);
        assertThat(triage.decide(event)).isEqualTo(Triage.Result.DUPLICATE_EVENT);
        assertThat(triage.decide(ReportEvents.incoming(reportId, Answers.quiet().poppedOrSnapped().build())))
                .isEqualTo(Triage.Result.ALREADY_DECIDED);

        assertThat(triage.decisionFor(reportId)).get()
                .satisfies(decision -> assertThat(decision.selfCarePlan()).isNotNull());
        assertThat(outbox.entriesFor(reportId.toString())).hasSize(1);
    }

    @Test
    void storesTheDecisionExactlyAsPublished() {
        UUID reportId = UUID.randomUUID();
        triage.decide(ReportEvents.incoming(reportId, Answers.nervePicture().build()));

        String published = outbox.entriesFor(reportId.toString()).get(0).payload();

        assertThat(triage.decisionFor(reportId)).get().satisfies(decision -> {
            assertThat(published).contains("\"disposition\":\"" + decision.disposition() + "\"");
            assertThat(published).contains(decision.decidedAt().toString());
        });
    }
}
