package clinic.support.work;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A background loop with a thread of its own: a round every {@code interval}, plus a round at once when
 * {@link #nudge() nudged} (e.g. after a commit that created work). One thread means rounds of one instance
 * never overlap; several instances coordinate through the database, never through this class. A failing
 * round is logged by exception class only (a message may quote data) and the next round runs as usual.
 */
public abstract class PollingWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollingWorker.class);

    private final String name;
    private final Duration interval;
    private final AtomicBoolean nudged = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    protected PollingWorker(String name, Duration interval) {
        this.name = name;
        this.interval = interval;
    }

    /** One round of work; runs on this worker's thread only. */
    protected abstract void round();

    /** Asks for a round as soon as the current one (if any) ends; repeated nudges meanwhile coalesce. */
    public void nudge() {
        ScheduledExecutorService current = executor;
        if (current != null && nudged.compareAndSet(false, true)) {
            try {
                current.execute(() -> {
                    nudged.set(false);
                    safeRound();
                });
            } catch (RuntimeException rejected) {
                nudged.set(false); // stopping: the scheduled rounds are over anyway
            }
        }
    }

    /**
     * Nudges once the current transaction commits (at once without one): the work it created is then visible.
     * However often a transaction asks (one per event of a batch), it registers one nudge.
     */
    public void nudgeAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            nudge();
            return;
        }
        if (TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                nudge();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(PollingWorker.this);
            }
        });
    }

    private void safeRound() {
        try {
            round();
        } catch (RuntimeException e) {
            log.warn("{}: round failed with {}; trying again next round", name, e.getClass().getName());
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        pool.scheduleWithFixedDelay(this::safeRound, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        executor = pool;
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService current = executor;
        executor = null;
        if (current == null) {
            return;
        }
        current.shutdownNow();
        try {
            if (!current.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("{}: a round did not end within 10 s of stopping", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Stops before the web server and the Kafka listeners are asked to, and long before the database closes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
