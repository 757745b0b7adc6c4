package clinic.bench.load;

import clinic.bench.Latencies;

import java.time.Duration;

/** One step: open-loop load at a rate, the backlog sampled meanwhile, then the drain window. */
final class LoadStep {

    private final OpenLoopLoad load;
    private final PlatformCounters counters;
    private final PlatformCounters.Snapshot base;
    private final SubmittedReports submitted;
    private final double httpP99LimitMs;

    LoadStep(OpenLoopLoad load, PlatformCounters counters, PlatformCounters.Snapshot base, SubmittedReports submitted,
             double httpP99LimitMs) {
        this.load = load;
        this.counters = counters;
        this.base = base;
        this.submitted = submitted;
        this.httpP99LimitMs = httpP99LimitMs;
    }

    StepResult run(double rate, Duration duration, Duration drainWindow) throws InterruptedException {
        StepRecord record;
        double growth;
        double endBacklog;
        double cpuBefore = counters.platformCpuSeconds();
        long wallBefore = System.nanoTime();
        try (BacklogSampler sampler = new BacklogSampler(counters, base, submitted)) {
            record = load.run(rate, duration);
            growth = sampler.growthPerSecond();
            endBacklog = sampler.endBacklog();
        }
        PipelineDrain.Outcome drain = new PipelineDrain(counters, base, submitted).await(drainWindow);
        PlatformCpu cpu = new PlatformCpu(counters.platformCpuSeconds() - cpuBefore,
                (System.nanoTime() - wallBefore) / 1e9, record.accepted(), drain.caughtUp());
        Latencies http = record.httpLatencies();
        return new StepResult(record, http.percentile(0.50), http.percentile(0.99), growth, endBacklog, drain,
                httpP99LimitMs, cpu);
    }

    /** After a step that was not sustained: let the backlog clear before measuring anything else. */
    PipelineDrain.Outcome settle(Duration limit) throws InterruptedException {
        return new PipelineDrain(counters, base, submitted).await(limit);
    }
}
