package clinic.local;

import clinic.local.FaultPlatform.Service;
import clinic.local.Ledger.Kind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The invariants of DESIGN.md, checked by counting every accepted report (never a sample):
 * accepted = decided + dead-lettered; each decided report has one decision, one decision event and
 * (if urgent) one urgent-review event (by {@code ce_id}: copies of one event on the wire are allowed,
 * a second event is not), exactly the notifications its disposition calls for, once each, and one
 * open clinician alert if urgent; intake shows it triaged.
 */
final class Invariants {

    static final String REPORTS = "clinic.symptom-reports.v1";
    static final String DECISIONS = "clinic.triage-decisions.v1";
    static final String URGENT = "clinic.urgent-reviews.v1";

    private final FaultPlatform platform;

    Invariants(FaultPlatform platform) {
        this.platform = platform;
    }

    record Count(int accepted, int decided, int deadLettered) {
    }

    /**
     * Waits until nothing is in flight: both outboxes empty and every consumer group committed to the end
     * of every partition it reads, continuously for two seconds (longer than a relay tick and a poll).
     */
    void awaitSettled(Duration timeout) {
        await("platform settled").atMost(timeout).pollInterval(Duration.ofMillis(250)).during(Duration.ofSeconds(2))
                .ignoreExceptions()
                .until(() -> outboxPending(Service.INTAKE) == 0 && outboxPending(Service.TRIAGE) == 0
                        && platform.kafka().allGroupsCaughtUp());
    }

    int outboxPending(Service service) {
        return platform.prometheusValue(service, "clinic_outbox_pending");
    }

    /** Settles, then counts every report of the ledger; fails listing every report that breaks an invariant. */
    Count assertEveryAcceptedReportDecidedExactlyOnce(Ledger ledger) {
        long started = System.nanoTime();
        awaitSettled(Duration.ofSeconds(120));
        long settled = System.nanoTime();
        PlatformClient client = platform.client();
        KafkaProbe kafka = platform.kafka();
        Map<UUID, Kind> accepted = ledger.snapshot();
        Set<UUID> deadLettered = keys(kafka.readAll(REPORTS + ".dlt"));
        Map<UUID, Set<String>> decisionEvents = eventIdsByKey(kafka.readAll(DECISIONS));
        Map<UUID, Set<String>> urgentEvents = eventIdsByKey(kafka.readAll(URGENT));
        Map<UUID, Long> openAlerts = client.alerts().json().valueStream()
                .collect(Collectors.groupingBy(a -> UUID.fromString(a.get("reportId").asString()), Collectors.counting()));

        List<String> problems = new ArrayList<>();
        int decided = 0;
        int dead = 0;
        for (Map.Entry<UUID, Kind> entry : accepted.entrySet()) {
            UUID id = entry.getKey();
            Kind kind = entry.getValue();
            PlatformClient.Response decision = client.decision(id);
            boolean isDecided = decision.status() == 200;
            boolean isDead = deadLettered.contains(id);
            if (isDecided == isDead) {
                problems.add(id + ": decided=" + isDecided + " dead-lettered=" + isDead);
                continue;
            }
            if (isDead) {
                dead++;
                continue;
            }
            decided++;
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
        }
        Set<UUID> downstreamDeadLetters = new HashSet<>(keys(kafka.readAll(DECISIONS + ".dlt")));
        downstreamDeadLetters.addAll(keys(kafka.readAll(URGENT + ".dlt")));
        downstreamDeadLetters.retainAll(accepted.keySet());
        if (!downstreamDeadLetters.isEmpty()) {
            problems.add("decision or urgent-review events dead-lettered: " + downstreamDeadLetters);
        }

        assertThat(problems).as("reports breaking an invariant (of %d accepted)", accepted.size()).isEmpty();
        assertThat(decided + dead).as("accepted = decided + dead-lettered").isEqualTo(accepted.size());
        Count count = new Count(accepted.size(), decided, dead);
        System.out.printf("Invariant holds: %s (settled in %d ms, counted in %d ms)%n", count,
                (settled - started) / 1_000_000, (System.nanoTime() - settled) / 1_000_000);
        return count;
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

    static java.util.Optional<UUID> keyOf(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(UUID.fromString(new String(record.key(), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
