package clinic.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * Clients that keep submitting reports of the usual mix ({@link Ledger#kindOf}) until they are closed, so that a
 * test can crash the platform in the middle of the traffic rather than after it. Every 202 is in the {@link Ledger};
 * a request cut off by the crash is not (its outcome is unknown to the client, as it would be to a real one).
 * A failure while the test waits in {@link #awaitAccepted} fails it; a failure after that is what the crash does to
 * its clients, and ends that submitter quietly.
 */
final class Submitters implements AutoCloseable {

    private final PlatformClient client;
    private final Ledger ledger;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopping;
    /** Set once the awaited count is reached: from then on the test may crash the platform under the submitters. */
    private volatile boolean crashExpected;

    private Submitters(PlatformClient client, Ledger ledger) {
        this.client = client;
        this.ledger = ledger;
    }

    static Submitters start(PlatformClient client, Ledger ledger, int count) {
        Submitters submitters = new Submitters(client, ledger);
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(submitters::submitUntilStopped, "submitter-" + i);
            thread.setDaemon(true);
            submitters.threads.add(thread);
            thread.start();
        }
        return submitters;
    }

    /** Waits until at least this many reports were accepted; fails at once if a submission failed on the way. */
    void awaitAccepted(int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> {
            if (failure.get() != null) {
                throw new AssertionError("a submission failed before the crash", failure.get());
            }
            return ledger.size() >= count;
        });
        crashExpected = true;
    }

    /** Stops every submitter and waits for them; what they got accepted is in the ledger. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join(30_000);
        }
    }

    private void submitUntilStopped() {
        while (!stopping) {
            try {
                ledger.submit(client, Ledger.kindOf(sequence.getAndIncrement()));
            } catch (RuntimeException | AssertionError e) {
                if (!crashExpected) {
                    failure.compareAndSet(null, e);
                }
                return;
            }
        }
    }
}
