package clinic.triage.decision;

import clinic.events.IncomingEvent;
import clinic.events.ReportSubmittedAt;
import clinic.events.intake.SymptomReportSubmitted;
import clinic.events.triage.RedFlag;
import clinic.events.triage.TriageDecisionMade;
import clinic.support.outbox.Outbox;
import clinic.triage.testing.Answers;
import clinic.triage.testing.ReportEvents;
import clinic.triage.testing.TriageServiceTest;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@TriageServiceTest
class TriageTest {

    @Autowired
    Triage triage;
    @Autowired
    Outbox outbox;
    @Autowired
    PrometheusMeterRegistry metrics;
    @Autowired
    JdbcTemplate jdbc;

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

    /** Fixed names (dashboards and alert rules rely on them): clinic_triage_decisions_total, clinic_triage_red_flags_total. */
    @Test
    void countsEachDecisionByDispositionAndEachRedFlagByFlagOnce() {
        UUID reportId = UUID.randomUUID();
        IncomingEvent<SymptomReportSubmitted> event = ReportEvents.incoming(reportId,
                Answers.quiet().poppedOrSnapped().build());
        String before = metrics.scrape();

        triage.decide(event);
        triage.decide(event);

        TriageDecisionMade decision = triage.decisionFor(reportId).orElseThrow();
        assertThat(decision.redFlags()).isNotEmpty();
        String after = metrics.scrape();
        assertThat(sample(after, "clinic_triage_decisions_total{disposition=\"" + decision.disposition() + "\"}")
                - sample(before, "clinic_triage_decisions_total{disposition=\"" + decision.disposition() + "\"}"))
                .isEqualTo(1.0);
        for (RedFlag flag : decision.redFlags()) {
            String series = "clinic_triage_red_flags_total{flag=\"" + flag + "\"}";
            assertThat(sample(after, series) - sample(before, series)).as(series).isEqualTo(1.0);
        }
    }

    @Test
    void stampsEveryEventOfAReportWithItsSubmissionTimeForThePipelineLatency() {
        UUID reportId = UUID.randomUUID();
        IncomingEvent<SymptomReportSubmitted> event = ReportEvents.incoming(reportId,
                Answers.quiet().poppedOrSnapped().build());

        triage.decide(event);

        assertThat(jdbc.queryForList("select extensions from outbox_event where message_key = ?", String.class,
                reportId.toString())).as("the decision and the urgent review").hasSize(2)
                .allSatisfy(extensions -> assertThat(extensions)
                        .contains(ReportSubmittedAt.ATTRIBUTE, event.data().submittedAt().toString()));
    }

    /** A sample's value in the Prometheus text, 0 when the series is not there yet. */
    private static double sample(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]))
                .orElse(0.0);
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
