package clinic.bench.load;

import java.time.Duration;

/**
 * Waits for the pipeline to catch up with what was accepted: every accepted report decided by triage and given
 * its patient notice, every urgent one its clinician alert, and no email left waiting for the SMTP server. That
 * is "every report decided and notified, with email on"; how long it takes after the last 202 is the drain time.
 */
final class PipelineDrain {

    private final PlatformCounters counters;
    private final PlatformCounters.Snapshot base;
    private final SubmittedReports submitted;

    PipelineDrain(PlatformCounters counters, PlatformCounters.Snapshot base, SubmittedReports submitted) {
        this.counters = counters;
        this.base = base;
        this.submitted = submitted;
    }

    /**
     * @param caughtUp whether everything was processed within the limit
     * @param seconds  how long it took, or the limit if it did not
     * @param last     the counters (since the run began) when it stopped waiting
     */
    record Outcome(boolean caughtUp, double seconds, PlatformCounters.Snapshot last, long accepted) {

        long undecided() {
            return accepted - last.decided();
        }

        long unnotified() {
            return accepted - last.patientNotices();
        }
    }

    Outcome await(Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        PlatformCounters.Snapshot now = null;
        RuntimeException lastFailure = null;
        while (true) {
            long accepted = submitted.accepted();
            long urgent = submitted.urgent();
            boolean done = false;
            try {
                now = counters.read().since(base);
                done = now.decided() >= accepted && now.patientNotices() >= accepted
                        && now.clinicianAlerts() >= urgent && now.deliveriesPending() == 0;
            } catch (RuntimeException e) {
                lastFailure = e; // a scrape that timed out under load: ask again
            }
            long at = System.nanoTime();
            if (done || at >= deadline) {
                if (now == null) {
                    throw new IllegalStateException("could not read the platform's counters", lastFailure);
                }
                return new Outcome(done, done ? (at - start) / 1e9 : limit.toNanos() / 1e9, now, accepted);
            }
            Thread.sleep(200);
        }
    }
}
