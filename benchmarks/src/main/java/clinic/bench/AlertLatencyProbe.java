package clinic.bench;

import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a red flag takes to reach a clinician in local mode. Against a running local platform it
 * subscribes to the dashboard feed, watches the clinician mailbox over IMAP, then submits red-flag
 * reports over HTTP one at a time (the next once the previous alert arrived on both, or timed out)
 * and measures, for each, the time from its HTTP 202 to (a) its {@code alert-raised} event and (b) its
 * email. A plain main rather than JMH: it measures a running system from outside, as a user sees it.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar clinic.bench.AlertLatencyProbe [N] --submit-token=JWT
 *     --clinician-token=JWT [--intake=http://localhost:8081] [--notification=http://localhost:8083]
 *     [--imap-port=3143] [--clinician=oncall@clinic.local] [--poll-ms=5] [--timeout-s=30]</pre>
 * The submit token may be a patient's or a {@code reports:write} client's; the feed needs a clinician's
 * (in local mode: {@code java -jar local-platform/target/local-platform.jar token clinician-demo}).
 */
public final class AlertLatencyProbe {

    private AlertLatencyProbe() {
    }

    public static void main(String[] args) throws Exception {
        ProbeOptions options = ProbeOptions.parse(args);
        JsonMapper json = JsonMapper.builder().build();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, Long> accepted = new HashMap<>();
        List<String> order = new ArrayList<>();
        try (SseArrivals feed = SseArrivals.open(options.notification(), options.clinicianToken(), json);
             ImapArrivals mail = ImapArrivals.watch(options.imapPort(), options.clinician(), options.pollInterval())) {
            for (int i = 0; i < options.reports(); i++) {
                HttpResponse<String> response = http.send(submission(options, json, i),
                        HttpResponse.BodyHandlers.ofString());
                long at = System.nanoTime();
                if (response.statusCode() != 202) {
                    throw new IllegalStateException("report " + i + " answered " + response.statusCode()
                            + ": " + response.body());
                }
                String reportId = json.readTree(response.body()).get("reportId").asString();
                accepted.put(reportId, at);
                order.add(reportId);
                int expectedMails = i + 1;
                awaitBoth(() -> feed.arrival(reportId) != null && mail.received() >= expectedMails, options.timeout());
            }
            Map<String, Long> mailed = mail.arrivalsOf(order);
            Latencies onFeed = new Latencies("alert-raised on the SSE feed");
            Latencies inMailbox = new Latencies("email in " + options.clinician());
            for (String reportId : order) {
                onFeed.add(accepted.get(reportId), feed.arrival(reportId));
                inMailbox.add(accepted.get(reportId), mailed.get(reportId));
            }
            System.out.printf(Locale.ROOT, "%d red-flag reports, one at a time; from HTTP 202 to ...%n", order.size());
            System.out.println(onFeed.summary());
            System.out.println(inMailbox.summary());
            System.out.printf(Locale.ROOT, "(IMAP polled every %d ms: mail times are up to one interval late)%n",
                    options.pollInterval().toMillis());
            if (onFeed.missing() + inMailbox.missing() > 0) {
                System.exit(1);
            }
        }
    }

    private static HttpRequest submission(ProbeOptions options, JsonMapper json, int i) {
        return HttpRequest.newBuilder(URI.create(options.intake() + "/api/v1/symptom-reports"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + options.submitToken())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(RedFlagReports.number(i))))
                .build();
    }

    /** Spins briefly between checks: sleeping longer would add to what is measured for the next report. */
    private static void awaitBoth(java.util.function.BooleanSupplier arrived, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!arrived.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
    }

    /** Command-line options; the defaults are the local platform's ports. */
    record ProbeOptions(int reports, String intake, String notification, int imapPort, String clinician,
                        Duration pollInterval, Duration timeout, String submitToken, String clinicianToken) {

        private static final Set<String> NAMES = Set.of("intake", "notification", "imap-port", "clinician",
                "poll-ms", "timeout-s", "submit-token", "clinician-token");

        static ProbeOptions parse(String[] args) {
            Map<String, String> o = new HashMap<>();
            int reports = 20;
            for (String arg : args) {
                if (arg.startsWith("--") && arg.contains("=") && NAMES.contains(arg.substring(2, arg.indexOf('=')))) {
                    o.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
                } else if (arg.matches("\\d+")) {
                    reports = Integer.parseInt(arg);
                } else {
                    throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            return new ProbeOptions(reports, o.getOrDefault("intake", "http://localhost:8081"),
                    o.getOrDefault("notification", "http://localhost:8083"),
                    Integer.parseInt(o.getOrDefault("imap-port", "3143")),
                    o.getOrDefault("clinician", "oncall@clinic.local"),
                    Duration.ofMillis(Long.parseLong(o.getOrDefault("poll-ms", "5"))),
                    Duration.ofSeconds(Long.parseLong(o.getOrDefault("timeout-s", "30"))),
                    required(o, "submit-token"), required(o, "clinician-token"));
        }

        private static String required(Map<String, String> options, String name) {
            String value = options.get(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("--" + name + "=<access token> is required: the services accept "
                        + "only authenticated calls (see the README's \"Logging in\")");
            }
            return value;
        }
    }
}
