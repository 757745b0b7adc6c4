package clinic.intake.report;

import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.TestReports;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.context.WebApplicationContext;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code clinic_reports_received_total{channel}} counts new reports by the way they came in; a replayed submission
 * (same Idempotency-Key) is no new report. Both series are there from the start. The name is fixed: the dashboards
 * and alert rules of deploy/ rely on it.
 */
@IntakeServiceTest
class ReportsReceivedTest {

    private static final String API = "clinic_reports_received_total{channel=\"api\"}";
    private static final String FORM = "clinic_reports_received_total{channel=\"form\"}";

    @LocalServerPort
    int port;

    @Autowired
    PrometheusMeterRegistry metrics;

    @Autowired
    WebApplicationContext context;

    @Test
    void countsNewReportsByChannelAndNotAReplay() {
        IntakeHttp http = new IntakeHttp(port);
        PatientPages pages = PatientPages.as(PatientPages.mockMvc(context), http.patientSubject(), "PATIENT");
        String key = "\"" + UUID.randomUUID() + "\"";
        String before = metrics.scrape();
        assertThat(before).contains(API + " ", FORM + " ");

        assertThat(http.submit(TestReports.validJson(), "Idempotency-Key", key).statusCode()).isEqualTo(202);
        assertThat(http.submit(TestReports.validJson(), "Idempotency-Key", key).headers()
                .firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(pages.postForm(FormBodies.valid()).statusCode()).isEqualTo(303);

        String after = metrics.scrape();
        assertThat(sample(after, API) - sample(before, API)).isEqualTo(1.0);
        assertThat(sample(after, FORM) - sample(before, FORM)).isEqualTo(1.0);
    }

    private static double sample(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]))
                .orElseThrow(() -> new AssertionError("no sample " + series));
    }
}
