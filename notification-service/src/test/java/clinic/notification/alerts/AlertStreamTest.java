package clinic.notification.alerts;

import clinic.events.triage.Disposition;
import clinic.notification.NotificationServiceTest;
import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static clinic.notification.TestEvents.send;
import static clinic.notification.TestEvents.urgentReview;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The dashboard feed over a real HTTP connection, read as the browser's EventSource would read it. */
@NotificationServiceTest
class AlertStreamTest {

    private static final String CLINICIAN = TestIssuer.bearer(TestIssuer.get().clinician("dr-test"));

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    AlertStream stream;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvcTester mvc;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    record Event(long id, String name, String data) {
    }

    /** An open event stream: events are parsed on a thread of their own into a queue. */
    final class Subscription implements AutoCloseable {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final HttpResponse<Stream<String>> response;
        final Thread reader;

        Subscription(String lastEventId) throws Exception {
            long before = stream.subscriptionCount();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/api/v1/alerts/stream")).header("Accept", "text/event-stream")
                    .header("Authorization", CLINICIAN);
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            reader = new Thread(this::read, "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.subscriptionCount() > before);
        }

        private void read() {
            List<String> lines = new ArrayList<>();
            try {
                response.body().forEach(line -> {
                    if (!line.isEmpty()) {
                        lines.add(line);
                        return;
                    }
                    String id = value(lines, "id:");
                    if (id != null) {
                        events.add(new Event(Long.parseLong(id), value(lines, "event:"), value(lines, "data:")));
                    }
                    lines.clear();
                });
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        }

        Event next() throws InterruptedException {
            Event event = events.poll(30, TimeUnit.SECONDS);
            assertThat(event).as("an event within 30 s").isNotNull();
            return event;
        }

        /** The next event about this report, skipping other tests' alerts. */
        Event nextAbout(UUID reportId) throws InterruptedException {
            while (true) {
                Event event = next();
                if (event.data().contains(reportId.toString())) {
                    return event;
                }
            }
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    private static String value(List<String> lines, String field) {
        return lines.stream().filter(line -> line.startsWith(field)).map(line -> line.substring(field.length()).strip())
                .findFirst().orElse(null);
    }

    @Test
    void aSubscriberReceivesANewAlertAndAReconnectReplaysWhatItMissed() throws Exception {
        UUID first = UUID.randomUUID();
        Event raised;
        try (Subscription subscription = new Subscription(null)) {
            assertThat(subscription.response.statusCode()).isEqualTo(200);
            assertThat(subscription.response.headers().firstValue("Content-Type")).get().asString()
                    .startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);

            send(kafka, urgentReview(first, Disposition.EMERGENCY));

            raised = subscription.nextAbout(first);
            assertThat(raised.name()).isEqualTo("alert-raised");
            assertThat(raised.data()).contains("\"disposition\":\"EMERGENCY\"", "\"priority\":\"P1\"",
                    "\"status\":\"OPEN\"", "\"reportLink\":\"http://triage.test/api/v1/triage-decisions/" + first);
        }
        UUID alertId = UUID.fromString(raised.data().replaceAll(".*\"alertId\":\"([^\"]+)\".*", "$1"));

        // Missed while disconnected: one more alert, and the first one's acknowledgement.
        UUID second = UUID.randomUUID();
        send(kafka, urgentReview(second, Disposition.URGENT_REVIEW));
        assertThat(mvc.post().uri("/api/v1/alerts/{id}/acknowledgement", alertId).header("Authorization", TestIssuer.bearer(TestIssuer.get().clinician("dr-sse")))).hasStatusOk();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from alert_feed f "
                + "join notification n on n.notification_id = f.alert_id where n.report_id = ?")
                .param(second).query(Integer.class).single() == 1);

        try (Subscription reconnected = new Subscription(Long.toString(raised.id()))) {
            List<Event> replayed = new ArrayList<>();
            while (replayed.size() < 2) {
                Event event = reconnected.next();
                if (event.data().contains(first.toString()) || event.data().contains(second.toString())) {
                    replayed.add(event);
                }
            }
            assertThat(replayed).extracting(Event::name)
                    .containsExactlyInAnyOrder("alert-raised", "alert-acknowledged");
            assertThat(replayed).filteredOn(e -> e.name().equals("alert-acknowledged")).singleElement()
                    .satisfies(e -> assertThat(e.data()).contains(first.toString(), "\"acknowledgedBy\":\"dr-sse\""));
            assertThat(replayed).allSatisfy(e -> assertThat(e.id()).isGreaterThan(raised.id()));
        }
    }

    @Test
    void aHeadOfTheFeedAnswersAtOnceWithoutSubscribingOrHoldingTheConnection() throws Exception {
        long before = stream.subscriptionCount();
        URI feed = URI.create("http://localhost:" + port + "/api/v1/alerts/stream");

        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(feed).method("HEAD", HttpRequest.BodyPublishers
                .noBody()).header("Authorization", CLINICIAN).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding());
        // the same keep-alive connection serves the next request
        HttpResponse<Void> next = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/alerts")).header("Authorization", CLINICIAN).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(stream.subscriptionCount()).isEqualTo(before);
    }

    @Test
    void aLastEventIdThatIsNotAFeedIdStartsFromNowInsteadOfFailing() throws Exception {
        UUID reportId = UUID.randomUUID();
        try (Subscription subscription = new Subscription("not-a-number")) {
            assertThat(subscription.response.statusCode()).isEqualTo(200);

            send(kafka, urgentReview(reportId, Disposition.URGENT_REVIEW));

            Event first = subscription.next();
            assertThat(first.name()).isEqualTo("alert-raised");
            assertThat(first.data()).contains(reportId.toString());
        }
    }
}
