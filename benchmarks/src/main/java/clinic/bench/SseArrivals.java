package clinic.bench;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Subscribes to the clinician dashboard feed and notes, per report, the moment ({@link System#nanoTime})
 * its {@code alert-raised} event was read: the time a dashboard would show it.
 */
public final class SseArrivals implements AutoCloseable {

    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final JsonMapper json;
    private final Stream<String> lines;

    private SseArrivals(Stream<String> lines, JsonMapper json) {
        this.lines = lines;
        this.json = json;
    }

    /** Returns once the feed has answered, so no alert raised afterwards can be missed. */
    public static SseArrivals open(String notificationBaseUrl, String clinicianToken, JsonMapper json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(notificationBaseUrl + "/api/v1/alerts/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + clinicianToken).GET().build();
        try {
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the alert feed answered " + response.statusCode());
            }
            SseArrivals feed = new SseArrivals(response.body(), json);
            Thread reader = new Thread(feed::read, "alert-feed");
            reader.setDaemon(true);
            reader.start();
            return feed;
        } catch (IOException e) {
            throw new UncheckedIOException("the alert feed is not reachable at " + notificationBaseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Long arrival(String reportId) {
        return arrivals.get(reportId);
    }

    /** SSE framing: the arrival counts when the blank line that ends an event is read. */
    private void read() {
        String event = "message";
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    long now = System.nanoTime();
                    if ("alert-raised".equals(event) && data.length() > 0) {
                        String reportId = json.readTree(data.toString()).path("reportId").asString();
                        arrivals.putIfAbsent(reportId, now);
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
                }
            }
        } catch (RuntimeException e) {
            // closed by close() or by the platform going away; what was seen stays
        }
    }

    @Override
    public void close() {
        lines.close();
    }
}
