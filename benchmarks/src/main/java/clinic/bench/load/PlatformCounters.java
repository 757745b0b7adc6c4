package clinic.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * How far the pipeline has got, from the counters the services themselves export on
 * {@code /actuator/prometheus} (a {@code metrics:read} token, the local client {@code clinic-metrics}). Cheap
 * enough to read every second under load, unlike asking the APIs about each report, and exact: every decision
 * and every notification is counted once its transaction committed.
 * <ul>
 * <li>decided: triage's {@code clinic_triage_decisions_total} (all dispositions)</li>
 * <li>patient notices: notification's {@code clinic_notifications_recorded_total{kind="PATIENT_NOTICE"}}, one for
 * every decision whatever the disposition, so "every report notified" is notices = accepted</li>
 * <li>clinician alerts: {@code ...{kind="CLINICIAN_ALERT"}}, one per urgent review or emergency</li>
 * <li>deliveries pending: {@code clinic_notification_deliveries_pending}, emails not yet accepted by SMTP</li>
 * <li>escalations and dead letters: should stay 0 in a short run; shown so a surprise is visible</li>
 * </ul>
 * The local platform runs every service, the broker, the issuer and the mail server in one JVM, so the process
 * CPU time that intake exports ({@code process_cpu_time_ns_total}, Micrometer's processor metrics) is the CPU
 * the whole platform spent: divided by the reports of a step, the cost of one report.
 */
final class PlatformCounters {

    private final HttpClient http;
    private final AccessTokens metricsToken;
    private final String intake;
    private final String triage;
    private final String notification;

    PlatformCounters(HttpClient http, AccessTokens metricsToken, String intake, String triage, String notification) {
        this.http = http;
        this.metricsToken = metricsToken;
        this.intake = intake;
        this.triage = triage;
        this.notification = notification;
    }

    record Snapshot(long decided, long patientNotices, long clinicianAlerts, long deliveriesPending,
                    long escalations, long deadLetters) {

        /** The counters since {@code base}; the pending deliveries are a level, not a count, so they stay. */
        Snapshot since(Snapshot base) {
            return new Snapshot(decided - base.decided, patientNotices - base.patientNotices,
                    clinicianAlerts - base.clinicianAlerts, deliveriesPending,
                    escalations - base.escalations, deadLetters - base.deadLetters);
        }
    }

    Snapshot read() {
        PrometheusText triageText = scrape(triage);
        PrometheusText notificationText = scrape(notification);
        PrometheusText intakeText = scrape(intake);
        return new Snapshot(
                triageText.sum("clinic_triage_decisions_total"),
                notificationText.sum("clinic_notifications_recorded_total", "kind=\"PATIENT_NOTICE\""),
                notificationText.sum("clinic_notifications_recorded_total", "kind=\"CLINICIAN_ALERT\""),
                notificationText.sum("clinic_notification_deliveries_pending"),
                notificationText.sum("clinic_notification_escalations_total"),
                intakeText.sum("clinic_kafka_dead_letters_total") + triageText.sum("clinic_kafka_dead_letters_total")
                        + notificationText.sum("clinic_kafka_dead_letters_total"));
    }

    /** CPU time the platform's JVM has used since it started, in seconds. */
    double platformCpuSeconds() {
        PrometheusText text = scrape(intake);
        double nanos = text.value("process_cpu_time_ns_total");
        if (Double.isNaN(nanos)) {
            throw new IllegalStateException(intake + "/actuator/prometheus has no process_cpu_time_ns_total");
        }
        return nanos / 1e9;
    }

    private PrometheusText scrape(String baseUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + metricsToken.current())
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(baseUrl + "/actuator/prometheus answered " + response.statusCode());
            }
            return new PrometheusText(response.body().lines().toList());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(baseUrl + "/actuator/prometheus is not reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Just enough of the Prometheus text format: sums the samples of one metric whose labels contain a filter. */
    record PrometheusText(List<String> lines) {

        long sum(String metric, String... labelFilters) {
            return Math.round(total(metric, labelFilters));
        }

        /** The metric's total, or NaN when no sample of it is there at all. */
        double value(String metric) {
            return lines.stream().anyMatch(line -> isSampleOf(line, metric)) ? total(metric) : Double.NaN;
        }

        private static boolean isSampleOf(String line, String metric) {
            if (!line.startsWith(metric) || line.length() <= metric.length()) {
                return false;
            }
            char next = line.charAt(metric.length());
            return next == '{' || next == ' '; // not another metric with this one's name as prefix
        }

        private double total(String metric, String... labelFilters) {
            double total = 0;
            for (String line : lines) {
                if (!isSampleOf(line, metric)) {
                    continue;
                }
                boolean matches = true;
                for (String filter : labelFilters) {
                    matches &= line.contains(filter);
                }
                if (matches) {
                    int end = line.indexOf('}');
                    String value = line.substring(end < 0 ? metric.length() : end + 1).trim().split(" ")[0];
                    total += Double.parseDouble(value);
                }
            }
            return total;
        }
    }
}
