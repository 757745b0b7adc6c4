package clinic.local;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A subscriber to the clinician dashboard feed ({@code GET /api/v1/alerts/stream}), reading the
 * server-sent events line by line as a browser's EventSource would, and keeping every event it saw.
 */
final class AlertFeed implements AutoCloseable {

    record Event(String id, String name, String data) {
        JsonNode json() {
            return PlatformClient.JSON.readTree(data);
        }
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Stream<String> lines;
    private final Thread reader;

    private AlertFeed(Stream<String> lines) {
        this.lines = lines;
        this.reader = new Thread(this::read, "alert-feed");
        this.reader.setDaemon(true);
    }

    /** Returns once the server has answered with an event stream, so later alerts cannot be missed. */
    static AlertFeed open(int notificationPort, String clinicianToken) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + notificationPort + "/api/v1/alerts/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + clinicianToken).GET().build();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() != 200 || !contentType.startsWith("text/event-stream")) {
                response.body().close();
                throw new AssertionError("alert feed answered " + response.statusCode() + " " + contentType);
            }
            AlertFeed feed = new AlertFeed(response.body());
            feed.reader.start();
            return feed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    /** The events of one name whose alert is about the report. */
    List<Event> about(String name, String reportId) {
        return events.stream().filter(e -> name.equals(e.name()))
                .filter(e -> reportId.equals(e.json().path("reportId").asString())).toList();
    }

    /** SSE framing: fields until a blank line, several data lines joined by newlines, comments ignored. */
    private void read() {
        String id = null;
        String name = "message";
        List<String> data = new ArrayList<>();
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, name, String.join("\n", data)));
                    }
                    name = "message";
                    data.clear();
                } else if (line.startsWith("id:")) {
                    id = value(line);
                } else if (line.startsWith("event:")) {
                    name = value(line);
                } else if (line.startsWith("data:")) {
                    data.add(value(line));
                }
            }
        } catch (RuntimeException e) {
            // the stream was closed by close() or by the server going away: the events seen so far stay
        }
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    @Override
    public void close() {
        lines.close();
    }
}
