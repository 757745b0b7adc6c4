package clinic.notification.delivery;

import clinic.notification.log.NotificationKind;
import clinic.support.work.PollingWorker;
import clinic.support.tracing.TraceContexts;
import io.micrometer.observation.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * One lane of the {@link DeliveryDispatcher}: a thread that claims due deliveries for some recipients only, and
 * sender threads of its own. A round claims a batch in a short transaction ({@code FOR UPDATE SKIP LOCKED}, then
 * a lease), sends it outside any transaction and records all its attempts together ({@link DeliveryRecorder});
 * the next batch is claimed while one is still being sent. Lanes of one instance share nothing but the database,
 * exactly like instances do.
 */
class DeliveryLane extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLane.class);

    /** What a lane needs from the dispatcher; one value per instance, shared by its lanes. */
    record Context(DeliveryStore store, TransactionTemplate transaction, Map<DeliveryChannel, ChannelSender> senders,
                   Map<NotificationKind, MessageComposer> composers, DeliveryRecorder recorder, Duration lease,
                   Clock clock, String owner, TraceContexts traces) {
    }

    private final String lane;
    private final Set<Recipient> recipients;
    private final int batchSize;
    private final int senderThreads;
    private final Context context;
    private volatile ExecutorService sending;
    /**
     * Batches claimed and not yet recorded, one per sender thread at most. New with each start, as the senders
     * are: batches a stop abandoned never give their slot back.
     */
    private volatile Semaphore inFlight;

    DeliveryLane(String name, Set<Recipient> recipients, int batchSize, int senderThreads, Duration pollInterval,
                 Context context) {
        super(name, pollInterval);
        this.lane = name;
        this.recipients = Set.copyOf(recipients);
        this.batchSize = batchSize;
        this.senderThreads = senderThreads;
        this.context = context;
    }

    Set<Recipient> recipients() {
        return recipients;
    }

    /** The senders live as long as the lane runs: a stopped context (or a paused test context) can start again. */
    @Override
    public synchronized void start() {
        if (!isRunning()) {
            sending = Executors.newFixedThreadPool(senderThreads, runnable -> {
                Thread thread = new Thread(runnable, lane + "-sender");
                thread.setDaemon(true);
                return thread;
            });
            inFlight = new Semaphore(senderThreads);
        }
        super.start();
    }

    /**
     * Claims batches until nothing of this lane is due, handing each to the senders without waiting for it: while
     * one batch is being sent and recorded, the next is claimed. At most {@link #inFlight} batches are out at
     * once; when all are, the claim waits, and the rows that fall due meanwhile make the next batch bigger.
     */
    @Override
    protected void round() {
        Semaphore slots = inFlight;
        ExecutorService senders = sending;
        List<DeliveryTask> batch;
        do {
            if (!takeSlot(slots)) {
                return;
            }
            try {
                Instant now = clock().instant();
                batch = context.transaction().execute(status -> context.store()
                        .claim(context.owner(), now, now.plus(context.lease()), batchSize, recipients));
            } catch (RuntimeException e) {
                slots.release();
                throw e;
            }
            if (batch == null || batch.isEmpty()) {
                slots.release();
                return;
            }
            dispatch(batch, senders, slots);
        } while (batch.size() == batchSize);
    }

    private static boolean takeSlot(Semaphore slots) {
        try {
            slots.acquire();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping
            return false;
        }
    }

    /**
     * Sends a claimed batch on the sender threads and records its attempts together once every job is back, then
     * frees its slot. Should sending or recording fail outright, the rows keep their lease and are sent again
     * when it runs out (delivery is at least once).
     */
    private void dispatch(List<DeliveryTask> batch, ExecutorService senders, Semaphore slots) {
        List<CompletableFuture<List<Attempt>>> jobs;
        try {
            jobs = jobs(batch).stream().map(job -> CompletableFuture.supplyAsync(() -> send(job), senders)).toList();
        } catch (RuntimeException e) { // the senders were shut down: stopping
            slots.release();
            throw e;
        }
        CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new)).thenRun(() -> {
            List<Attempt> attempts = new ArrayList<>(batch.size());
            jobs.forEach(job -> attempts.addAll(job.join()));
            context.recorder().record(context.owner(), attempts);
        }).whenComplete((recorded, failure) -> {
            slots.release();
            if (failure != null) {
                // the class only: a message could quote a row's values
                String errorClass = rootOf(failure).getClass().getName();
                log.warn("{}: a batch of {} deliveries was not recorded ({}); they are sent again when their "
                        + "lease runs out", lane, batch.size(), errorClass);
            }
        });
    }

    private static Throwable rootOf(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /**
     * Splits a batch into what one sender thread sends: for a sender that sends batches (email, one connection
     * each), the channel's share in one chunk per thread; otherwise one delivery per job, as before.
     */
    private List<List<DeliveryTask>> jobs(List<DeliveryTask> batch) {
        Map<DeliveryChannel, List<DeliveryTask>> byChannel = new LinkedHashMap<>();
        batch.forEach(task -> byChannel.computeIfAbsent(task.channel(), channel -> new ArrayList<>()).add(task));
        List<List<DeliveryTask>> jobs = new ArrayList<>();
        byChannel.forEach((channel, tasks) -> {
            ChannelSender sender = context.senders().get(channel);
            int chunk = sender != null && sender.sendsBatches()
                    ? (tasks.size() + senderThreads - 1) / senderThreads : 1;
            for (int from = 0; from < tasks.size(); from += chunk) {
                jobs.add(tasks.subList(from, Math.min(from + chunk, tasks.size())));
            }
        });
        return jobs;
    }

    /**
     * Composes and sends one job on a sender thread; every task of it comes back with its attempt. Each delivery is
     * sent in a span continuing the trace it was created in, so the SMTP or HTTP call that carries it belongs to
     * the report's trace.
     */
    private List<Attempt> send(List<DeliveryTask> job) {
        Map<UUID, Observation> traces = new HashMap<>();
        job.forEach(task -> traces.put(task.deliveryId(), context.traces().continuing("clinic.notification.delivery",
                        "deliver " + task.channel().name().toLowerCase(Locale.ROOT), task.traceParent())
                .lowCardinalityKeyValue("channel", task.channel().name()).start()));
        List<Attempt> attempts = send(job, traces);
        attempts.forEach(attempt -> traces.get(attempt.task().deliveryId())
                .lowCardinalityKeyValue("outcome", attempt.outcome().name()).stop());
        return attempts;
    }

    private List<Attempt> send(List<DeliveryTask> job, Map<UUID, Observation> traces) {
        Instant attemptedAt = clock().instant();
        ChannelSender sender = context.senders().get(job.get(0).channel());
        Map<UUID, DeliveryFailure> failures = new HashMap<>();
        List<ChannelSender.Outgoing> composed = new ArrayList<>(job.size());
        for (DeliveryTask task : job) {
            MessageComposer composer = context.composers().get(task.kind());
            if (sender == null || composer == null) {
                failures.put(task.deliveryId(), DeliveryFailure.permanent("NoSenderOrComposer", null));
                continue;
            }
            try {
                composed.add(new ChannelSender.Outgoing(task, composer.compose(task), traces.get(task.deliveryId())));
            } catch (RuntimeException e) {
                // A bug or an unforeseen library failure: retried, never dropped.
                failures.put(task.deliveryId(), DeliveryFailure.transientFailure(e.getClass().getName(), null));
            }
        }
        if (!composed.isEmpty()) {
            try {
                failures.putAll(sender.sendAll(composed));
            } catch (RuntimeException e) {
                composed.forEach(outgoing -> failures.put(outgoing.task().deliveryId(),
                        DeliveryFailure.transientFailure(e.getClass().getName(), null)));
            }
        }
        return job.stream().map(task -> Attempt.of(task, attemptedAt, failures.get(task.deliveryId()))).toList();
    }

    private Clock clock() {
        return context.clock();
    }

    @Override
    public synchronized void stop() {
        super.stop();
        if (sending != null) {
            sending.shutdownNow();
        }
    }
}
