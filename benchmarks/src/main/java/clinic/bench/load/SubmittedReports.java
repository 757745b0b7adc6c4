package clinic.bench.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything this run has had accepted (HTTP 202), over all phases: what the platform's counters must reach
 * for the pipeline to have caught up. Counted when the 202 arrives, so it is the platform's own promise that
 * the report and its event are stored.
 */
final class SubmittedReports {

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong urgent = new AtomicLong();

    void accepted(ReportClass c) {
        accepted.incrementAndGet();
        if (c.urgent()) {
            urgent.incrementAndGet();
        }
    }

    long accepted() {
        return accepted.get();
    }

    /** Accepted reports built to be URGENT_REVIEW or EMERGENCY: each must raise one clinician alert. */
    long urgent() {
        return urgent.get();
    }
}
