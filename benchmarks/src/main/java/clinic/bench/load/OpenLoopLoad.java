package clinic.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Submits reports at a constant arrival rate: request i is due at {@code start + i / rate}, whatever happened to
 * the requests before it (open loop). Requests are sent asynchronously; at most {@code maxInFlight} are
 * outstanding, to bound the connections opened against a platform that stalls. When that cap holds a request
 * back, it leaves late but its latency still counts from its due time (see {@link StepRecord}). A step that falls
 * further behind its schedule than a quarter of its duration (at least 2 s) is cut short: the platform is plainly
 * not keeping up, and sending on at its pace would stretch the step (and the backlog left behind) without limit.
 * The requests not sent count as errors.
 */
final class OpenLoopLoad {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI submit;
    private final AccessTokens tokens;
    private final ReportMix mix;
    private final SubmittedReports submitted;
    private final int maxInFlight;
    private long nextIndex;

    OpenLoopLoad(HttpClient http, String intakeBaseUrl, AccessTokens tokens, ReportMix mix, SubmittedReports submitted,
                 int maxInFlight) {
        this.http = http;
        this.submit = URI.create(intakeBaseUrl + "/api/v1/symptom-reports");
        this.tokens = tokens;
        this.mix = mix;
        this.submitted = submitted;
        this.maxInFlight = maxInFlight;
    }

    /** Runs one step and returns once every request has been answered (or has timed out). */
    StepRecord run(double rate, Duration duration) throws InterruptedException {
        int planned = (int) Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
        Semaphore inFlight = new Semaphore(maxInFlight);
        CountDownLatch answered = new CountDownLatch(planned);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        StepRecord record = new StepRecord(rate, planned, start);
        double intervalNanos = 1e9 / rate;
        long maxLag = Math.max(TimeUnit.SECONDS.toNanos(2), duration.toNanos() / 4);
        String token = tokens.current();
        long tokenCheckedAt = start;
        for (int i = 0; i < planned; i++) {
            long due = start + (long) (i * intervalNanos);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (due - tokenCheckedAt > TimeUnit.SECONDS.toNanos(1)) {
                token = tokens.current(); // renews close to expiry; checked once a second, not per request
                tokenCheckedAt = due;
            }
            if (!inFlight.tryAcquire(Math.max(0, due + maxLag - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                noteError(record, "stopped sending " + (planned - i) + " requests: more than "
                        + TimeUnit.NANOSECONDS.toMillis(maxLag) + " ms behind schedule with " + maxInFlight
                        + " requests outstanding");
                for (int unsent = i; unsent < planned; unsent++) {
                    answered.countDown();
                }
                break;
            }
            long index = nextIndex++;
            ReportClass reportClass = mix.classOf(index);
            record.scheduledNanos[i] = due;
            record.classes[i] = reportClass;
            int slot = i;
            HttpRequest request = HttpRequest.newBuilder(submit)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mix.body(index)))
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                try {
                    record.doneNanos[slot] = System.nanoTime();
                    if (failure != null) {
                        record.status[slot] = -1;
                        noteError(record, failure.getClass().getSimpleName() + ": " + failure.getMessage());
                    } else {
                        record.status[slot] = response.statusCode();
                        if (response.statusCode() == 202) {
                            record.reportIds[slot] = reportId(response);
                            submitted.accepted(reportClass);
                        } else {
                            noteError(record, response.statusCode() + " " + abbreviate(response.body()));
                        }
                    }
                } finally {
                    inFlight.release();
                    answered.countDown();
                }
            });
        }
        if (!answered.await(REQUEST_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
            noteError(record, "requests still unanswered " + (REQUEST_TIMEOUT.toSeconds() + 10) + " s after the step");
        }
        return record;
    }

    /** {@code Location: /api/v1/symptom-reports/<id>}: cheaper than parsing the JSON body. */
    private static String reportId(HttpResponse<String> response) {
        return response.headers().firstValue("Location")
                .map(location -> location.substring(location.lastIndexOf('/') + 1))
                .orElse(null);
    }

    private static void noteError(StepRecord record, String error) {
        if (record.firstError == null) {
            record.firstError = error;
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
}
