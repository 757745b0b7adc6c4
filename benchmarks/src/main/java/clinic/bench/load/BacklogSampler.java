package clinic.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * During a step, once a second, the pipeline's backlog: accepted reports without a patient notice yet, plus
 * emails not yet handed to the SMTP server.
 * A pipeline that keeps up holds this about level (rate x end-to-end time); one that does not lets it grow by
 * (arrival rate - processing rate) every second. The slope tells them apart even when the step is too short
 * for a growing backlog to show in the drain time.
 */
final class BacklogSampler implements AutoCloseable {

    private final PlatformCounters counters;
    private final PlatformCounters.Snapshot base;
    private final SubmittedReports submitted;
    private final List<double[]> samples = new ArrayList<>(); // {seconds since start, backlog}
    private final ScheduledExecutorService sampling = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "backlog-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final long start = System.nanoTime();

    BacklogSampler(PlatformCounters counters, PlatformCounters.Snapshot base, SubmittedReports submitted) {
        this.counters = counters;
        this.base = base;
        this.submitted = submitted;
        // fixed delay: a scrape slowed by the load is not followed by a burst of catch-up scrapes
        sampling.scheduleWithFixedDelay(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        try {
            long accepted = submitted.accepted();
            PlatformCounters.Snapshot now = counters.read().since(base);
            double backlog = accepted - now.patientNotices() + now.deliveriesPending();
            synchronized (samples) {
                samples.add(new double[] {(System.nanoTime() - start) / 1e9, backlog});
            }
        } catch (RuntimeException e) {
            // a scrape that timed out under load: the next one counts (an exception would end the schedule)
        }
    }

    /**
     * Least-squares slope (reports per second) of the backlog once the step has filled the pipeline: over the
     * samples from a quarter of the step on (at least 2 s in, when the backlog has had time to reach its level).
     * NaN with fewer than 3 such samples.
     */
    double growthPerSecond() {
        List<double[]> settled = settledSamples();
        if (settled.size() < 3) {
            return Double.NaN;
        }
        double meanT = settled.stream().mapToDouble(s -> s[0]).average().orElse(0);
        double meanB = settled.stream().mapToDouble(s -> s[1]).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (double[] s : settled) {
            covariance += (s[0] - meanT) * (s[1] - meanB);
            variance += (s[0] - meanT) * (s[0] - meanT);
        }
        return variance == 0 ? Double.NaN : covariance / variance;
    }

    /** The backlog at the end of the step (mean of the last two samples, against single-sample jitter). */
    double endBacklog() {
        synchronized (samples) {
            int n = samples.size();
            return n == 0 ? 0 : n == 1 ? samples.get(0)[1] : (samples.get(n - 1)[1] + samples.get(n - 2)[1]) / 2;
        }
    }

    private List<double[]> settledSamples() {
        synchronized (samples) {
            if (samples.isEmpty()) {
                return List.of();
            }
            double from = Math.max(2.0, samples.get(samples.size() - 1)[0] / 4);
            return samples.stream().filter(s -> s[0] >= from).toList();
        }
    }

    @Override
    public void close() {
        sampling.shutdownNow();
        try {
            sampling.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
