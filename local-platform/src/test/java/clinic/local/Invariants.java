package clinic.local;

import clinic.local.FaultPlatform.Service;
import clinic.local.Ledger.Kind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The invariants of DESIGN.md, checked by counting every accepted report (never a sample): every accepted
 * report is decided. The tests plant poison under keys of their own, never as an accepted report, so an accepted
 * report that ends up dead-lettered is a failure, not an outcome. Each decided report has one decision, one decision event and
 * (if urgent) one urgent-review event (by {@code ce_id}: copies of one event on the wire are allowed,
 * a second event is not), exactly the notifications its disposition calls for, once each, and one
 * open clinician alert if urgent; intake shows it triaged; and the emails of {@link MailInvariants}.
 */
final class Invariants {

    static final String REPORTS = "clinic.symptom-reports.v1";
    static final String DECISIONS = "clinic.triage-decisions.v1";
    static final String URGENT = "clinic.urgent-reviews.v1";

    /** Counters that move while anything is still being processed; each must hold still before counting. */
    private static final Map<Service, List<String>> ACTIVITY = Map.of(
            Service.INTAKE, List.of("clinic_outbox_sent_total"),
            Service.TRIAGE, List.of("clinic_triage_decisions_total", "clinic_outbox_sent_total"),
            Service.NOTIFICATION, List.of("clinic_notifications_recorded_total",
                    "clinic_notification_delivery_attempts_total"));

    private final ObservedPlatform platform;

    Invariants(ObservedPlatform platform) {
        this.platform = platform;
    }

    record Count(int accepted, int decided, int deadLettered) {
    }

    /**
     * Waits until the platform is quiet: both outboxes empty, no delivery waiting, every consumer group committed to
     * the end of every partition it reads, and every activity counter unchanged, at every check for a second (ten
     * relay ticks, several polls). A backlog metric that cannot be read fails at once: it is not a zero.
     */
    void awaitSettled(Duration timeout) {
        AtomicReference<Map<String, Double>> previous = new AtomicReference<>(Map.of());
        await("platform settled").atMost(timeout).pollInterval(Duration.ofMillis(250)).during(Duration.ofSeconds(1))
                .until(() -> {
                    boolean empty = outboxPending(Service.INTAKE) == 0 && outboxPending(Service.TRIAGE) == 0
                            && deliveriesPending() == 0;
                    Map<String, Double> activity = activity();
                    boolean still = activity.equals(previous.getAndSet(activity));
                    return empty && still && groupsCaughtUp();
                });
    }

    int outboxPending(Service service) {
        return backlog(service, "clinic_outbox_pending");
    }

    int deliveriesPending() {
        return backlog(Service.NOTIFICATION, "clinic_notification_deliveries_pending");
    }

    private int backlog(Service service, String metric) {
        try {
            return (int) FaultPlatform.prometheus(platform.client().prometheus(platform.port(service)).body(), metric);
        } catch (RuntimeException e) {
            throw new AssertionError("the backlog " + metric + " of " + service.id + " could not be read", e);
        }
    }

    /** The activity counters of every service; a counter not registered yet (nothing counted) reads as absent. */
    private Map<String, Double> activity() {
        Map<String, Double> values = new HashMap<>();
        ACTIVITY.forEach((service, metrics) -> {
            String scrape = platform.client().prometheus(platform.port(service)).body();
            metrics.forEach(metric -> values.put(service.id + " " + metric,
                    FaultPlatform.prometheusOrZero(scrape, metric)));
        });
        return values;
    }

    /** The broker may still be coming back after an outage: an unanswered question is "not yet", not a failure. */
    private boolean groupsCaughtUp() {
        try {
            return platform.kafka().allGroupsCaughtUp();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Settles, then counts every report of the ledger; fails listing every report that breaks an invariant. */
    Count assertEveryAcceptedReportDecidedExactlyOnce(Ledger ledger) {
        long started = System.nanoTime();
        awaitSettled(Duration.ofSeconds(120));
        long settled = System.nanoTime();
        PlatformClient client = platform.client();
        KafkaProbe kafka = platform.kafka();
        Map<UUID, Kind> accepted = ledger.snapshot();
        Map<String, List<ConsumerRecord<byte[], byte[]>>> topics = kafka.readAll(List.of(REPORTS + ".dlt", DECISIONS,
                URGENT, DECISIONS + ".dlt", URGENT + ".dlt"));
        Set<UUID> deadLettered = keys(topics.get(REPORTS + ".dlt"));
        Map<UUID, Set<String>> decisionEvents = eventIdsByKey(topics.get(DECISIONS));
        Map<UUID, Set<String>> urgentEvents = eventIdsByKey(topics.get(URGENT));
        Map<UUID, Long> openAlerts = client.alerts().json().valueStream()
                .collect(Collectors.groupingBy(a -> UUID.fromString(a.get("reportId").asString()), Collectors.counting()));

        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger decided = new AtomicInteger();
        Map<UUID, Kind> decidedReports = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger dead = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> checks = new ArrayList<>();
            for (Map.Entry<UUID, Kind> entry : accepted.entrySet()) {
                checks.add(pool.submit(() -> {
                    Outcome outcome = check(client, entry.getKey(), entry.getValue(), deadLettered, decisionEvents,
                            urgentEvents, openAlerts, problems);
                    if (outcome == Outcome.DECIDED) {
                        decided.incrementAndGet();
                        decidedReports.put(entry.getKey(), entry.getValue());
                    } else if (outcome == Outcome.DEAD_LETTERED) {
                        dead.incrementAndGet();
                    }
                }));
            }
            for (Future<?> check : checks) {
                check.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a check failed to run", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Set<UUID> downstreamDeadLetters = new HashSet<>(keys(topics.get(DECISIONS + ".dlt")));
        downstreamDeadLetters.addAll(keys(topics.get(URGENT + ".dlt")));
        downstreamDeadLetters.retainAll(accepted.keySet());
        if (!downstreamDeadLetters.isEmpty()) {
            problems.add("decision or urgent-review events dead-lettered: " + downstreamDeadLetters);
        }

        assertThat(problems).as("reports breaking an invariant (of %d accepted)", accepted.size()).isEmpty();
        assertThat(dead.get()).as("accepted reports dead-lettered").isZero();
        assertThat(decided.get()).as("accepted = decided").isEqualTo(accepted.size());
        long counted = System.nanoTime();
        new MailInvariants(platform.mailbox()).assertEachDecidedReportMailedOnce(decidedReports);
        Count count = new Count(accepted.size(), decided.get(), dead.get());
        System.out.printf("Invariant holds: %s (settled in %d ms, counted in %d ms, mail in %d ms)%n", count,
                (settled - started) / 1_000_000, (counted - settled) / 1_000_000,
                (System.nanoTime() - counted) / 1_000_000);
        return count;
    }

    private enum Outcome { DECIDED, DEAD_LETTERED, NEITHER_OR_BOTH }

    /** Checks one report; adds what is wrong with it to {@code problems}. */
    private static Outcome check(PlatformClient client, UUID id, Kind kind, Set<UUID> deadLettered,
                                 Map<UUID, Set<String>> decisionEvents, Map<UUID, Set<String>> urgentEvents,
                                 Map<UUID, Long> openAlerts, List<String> problems) {
        PlatformClient.Response decision = client.decision(id);
        boolean isDecided = decision.status() == 200;
        boolean isDead = deadLettered.contains(id);
        if (isDecided == isDead) {
            problems.add(id + ": decided=" + isDecided + " dead-lettered=" + isDead);
            return Outcome.NEITHER_OR_BOTH;
        }
        if (isDead) {
            problems.add(id + ": an accepted report dead-lettered (the tests plant poison under keys of their own)");
            return Outcome.DEAD_LETTERED;
        }
        String disposition = decision.json().get("disposition").asString();
        if (!kind.disposition.equals(disposition)) {
            problems.add(id + ": disposition " + disposition + ", expected " + kind.disposition);
        }
        int decisionEventCount = decisionEvents.getOrDefault(id, Set.of()).size();
        if (decisionEventCount != 1) {
            problems.add(id + ": " + decisionEventCount + " decision events");
        }
        int urgentEventCount = urgentEvents.getOrDefault(id, Set.of()).size();
        if (urgentEventCount != (kind.urgent ? 1 : 0)) {
            problems.add(id + ": " + urgentEventCount + " urgent-review events (" + kind + ")");
        }
        List<String> kinds = client.notifications(id).json().valueStream()
                .map(n -> n.get("kind").asString()).sorted().toList();
        if (!kinds.equals(kind.notificationKinds)) {
            problems.add(id + ": notifications " + kinds + ", expected " + kind.notificationKinds);
        }
        long alerts = openAlerts.getOrDefault(id, 0L);
        if (alerts != (kind.urgent ? 1 : 0)) {
            problems.add(id + ": " + alerts + " open clinician alerts (" + kind + ")");
        }
        JsonNode report = client.report(id).json();
        if (!"TRIAGED".equals(report.get("status").asString())
                || !kind.disposition.equals(report.get("disposition").asString())) {
            problems.add(id + ": intake shows " + report);
        }
        return Outcome.DECIDED;
    }

    static Set<UUID> keys(List<ConsumerRecord<byte[], byte[]>> records) {
        Set<UUID> keys = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            keyOf(record).ifPresent(keys::add);
        }
        return keys;
    }

    /** For each report id (record key), the distinct {@code ce_id}s of the events about it. */
    static Map<UUID, Set<String>> eventIdsByKey(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<UUID, Set<String>> ids = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Header ceId = record.headers().lastHeader("ce_id");
            keyOf(record).ifPresent(key -> ids.computeIfAbsent(key, k -> new HashSet<>())
                    .add(ceId == null ? "(none)" : new String(ceId.value(), StandardCharsets.UTF_8)));
        }
        return ids;
    }

    static Optional<UUID> keyOf(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(new String(record.key(), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
