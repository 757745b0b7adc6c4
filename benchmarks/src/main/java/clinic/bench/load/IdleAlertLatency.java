package clinic.bench.load;

import clinic.bench.ImapArrivals;
import clinic.bench.Latencies;
import clinic.bench.RedFlagReports;
import clinic.bench.SseArrivals;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A red flag's way to a clinician on an otherwise idle platform, as {@code clinic.bench.AlertLatencyProbe}
 * measures it and with its parts: red-flag reports one at a time (the next once the previous one's alert has
 * arrived on both, or timed out), each timed from its HTTP 202 to its {@code alert-raised} event on the
 * dashboard feed and to its email in the clinician mailbox (IMAP, polled every 5 ms).
 */
final class IdleAlertLatency {

    record Result(Latencies sse, Latencies email) {
    }

    private final HttpClient http;
    private final String intake;
    private final String notification;
    private final int imapPort;
    private final String clinicianToken;
    private final AccessTokens submitToken;
    private final SubmittedReports submitted;
    private final JsonMapper json;

    IdleAlertLatency(HttpClient http, String intake, String notification, int imapPort, String clinicianToken,
                     AccessTokens submitToken, SubmittedReports submitted, JsonMapper json) {
        this.http = http;
        this.intake = intake;
        this.notification = notification;
        this.imapPort = imapPort;
        this.clinicianToken = clinicianToken;
        this.submitToken = submitToken;
        this.submitted = submitted;
        this.json = json;
    }

    Result measure(int reports, Duration timeoutEach) throws Exception {
        Map<String, Long> acceptedAt = new HashMap<>();
        List<String> order = new ArrayList<>();
        try (SseArrivals feed = SseArrivals.open(notification, clinicianToken, json);
             ImapArrivals mail = ImapArrivals.watch(imapPort, "oncall@clinic.local", Duration.ofMillis(5))) {
            for (int i = 0; i < reports; i++) {
                Map<String, Object> body = RedFlagReports.number(i);
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create(intake + "/api/v1/symptom-reports"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + submitToken.current())
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                long at = System.nanoTime();
                if (response.statusCode() != 202) {
                    throw new IllegalStateException("idle red-flag report " + i + " answered "
                            + response.statusCode() + ": " + response.body());
                }
                submitted.accepted(Boolean.TRUE.equals(body.get("suddenOnsetWithPopOrSnap"))
                        ? ReportClass.EMERGENCY : ReportClass.URGENT_REVIEW);
                String reportId = json.readTree(response.body()).get("reportId").asString();
                acceptedAt.put(reportId, at);
                order.add(reportId);
                int expectedMails = i + 1;
                long deadline = at + timeoutEach.toNanos();
                while (!(feed.arrival(reportId) != null && mail.received() >= expectedMails)
                        && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(Duration.ofMillis(1).toNanos()); // short: a long sleep would delay the next
                }
            }
            Map<String, Long> mailed = mail.arrivalsOf(order);
            Latencies sse = new Latencies("202 -> alert-raised on SSE");
            Latencies email = new Latencies("202 -> clinician email (IMAP)");
            for (String id : order) {
                sse.add(acceptedAt.get(id), feed.arrival(id));
                email.add(acceptedAt.get(id), mailed.get(id));
            }
            return new Result(sse, email);
        }
    }
}
