package clinic.bench.load;

import clinic.bench.Latencies;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * End-to-end latency from the platform's own timestamps, asked for after the step (so the asking does not load
 * the platform while it is measured): intake's {@code submittedAt} of a report to the {@code createdAt} of its
 * first notification in notification-service. Both come from the same clock in local mode (one JVM). A random
 * sample per class keeps the questions to a few thousand; a few run in parallel.
 */
final class EndToEndSample {

    private final HttpClient http;
    private final String intake;
    private final String notification;
    private final AccessTokens tokens;
    private final JsonMapper json;
    private final int parallel;
    private final AtomicInteger wrongDisposition = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    EndToEndSample(HttpClient http, String intake, String notification, AccessTokens tokens, JsonMapper json,
                   int parallel) {
        this.http = http;
        this.intake = intake;
        this.notification = notification;
        this.tokens = tokens;
        this.json = json;
        this.parallel = parallel;
    }

    /** An accepted report and the disposition its answers were built for. */
    record Accepted(String reportId, ReportClass expected) {
    }

    /** Up to {@code size} of the reports, chosen at random (fixed seed, so two runs pick alike). */
    static List<Accepted> sample(List<Accepted> reports, int size) {
        List<Accepted> copy = new ArrayList<>(reports);
        Collections.shuffle(copy, new Random(42));
        return copy.subList(0, Math.min(size, copy.size()));
    }

    /** Latencies of the given reports; a report without a notification (or timestamps) counts as missing. */
    Latencies measure(String what, List<Accepted> reports) throws InterruptedException {
        Semaphore slots = new Semaphore(parallel);
        List<CompletableFuture<Double>> results = new ArrayList<>();
        for (Accepted accepted : reports) {
            String id = accepted.reportId();
            ReportClass expected = accepted.expected();
            slots.acquire();
            CompletableFuture<JsonNode> report = get(intake + "/api/v1/symptom-reports/" + id);
            CompletableFuture<JsonNode> notices = get(notification + "/api/v1/notifications?reportId=" + id);
            CompletableFuture<Double> latency = report.thenCombine(notices, (r, n) -> millis(r, n, expected))
                    .exceptionally(e -> {
                        firstFailure.compareAndSet(null, String.valueOf(e.getMessage()));
                        return null;
                    })
                    .whenComplete((v, e) -> slots.release());
            results.add(latency);
        }
        Latencies latencies = new Latencies(what);
        for (CompletableFuture<Double> result : results) {
            Double value = result.join();
            if (value == null) {
                latencies.addMissing();
            } else {
                latencies.addMillis(value);
            }
        }
        return latencies;
    }

    /** Why the first report that could not be asked about failed, or null if none did. */
    String firstFailure() {
        return firstFailure.get();
    }

    /** Reports whose decided disposition was not the one their answers were built for (should be 0). */
    int wrongDispositions() {
        return wrongDisposition.get();
    }

    private Double millis(JsonNode report, JsonNode notifications, ReportClass expected) {
        if (!expected.name().equals(report.path("disposition").asString(""))) {
            wrongDisposition.incrementAndGet();
        }
        Instant submitted = Instant.parse(report.get("submittedAt").asString());
        Instant first = null;
        for (JsonNode n : notifications) {
            Instant created = Instant.parse(n.get("createdAt").asString());
            first = first == null || created.isBefore(first) ? created : first;
        }
        return first == null ? null : Duration.between(submitted, first).toNanos() / 1e6;
    }

    private CompletableFuture<JsonNode> get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + tokens.current())
                .timeout(Duration.ofSeconds(30)).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            return json.readTree(response.body());
        });
    }
}
