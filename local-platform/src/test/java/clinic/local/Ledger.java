package clinic.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Every report the platform accepted (answered 202) in a fault suite, with what must come of it: its
 * disposition, and the notifications of exactly those kinds, once each.
 */
final class Ledger {

    enum Kind {
        SELF_CARE("SELF_CARE", false, SampleReports::selfCare, "PATIENT_NOTICE"),
        URGENT("URGENT_REVIEW", true, SampleReports::numbness, "CLINICIAN_ALERT", "PATIENT_NOTICE"),
        EMERGENCY("EMERGENCY", true, SampleReports::suddenPop, "CLINICIAN_ALERT", "PATIENT_NOTICE"),
        ROUTINE("ROUTINE_REVIEW", false, SampleReports::diabetes, "ROUTINE_REVIEW_ITEM", "PATIENT_NOTICE");

        final String disposition;
        final boolean urgent;
        final Supplier<Map<String, Object>> body;
        final List<String> notificationKinds;

        Kind(String disposition, boolean urgent, Supplier<Map<String, Object>> body, String... notificationKinds) {
            this.disposition = disposition;
            this.urgent = urgent;
            this.body = body;
            this.notificationKinds = List.of(notificationKinds).stream().sorted().toList();
        }
    }

    /** The mix of a burst: one in three urgent, some routine reviews, mostly self-care. */
    private static final List<Kind> MIX = List.of(Kind.URGENT, Kind.SELF_CARE, Kind.ROUTINE, Kind.SELF_CARE,
            Kind.EMERGENCY, Kind.SELF_CARE);

    private final Map<UUID, Kind> accepted = new ConcurrentHashMap<>();

    static Kind kindOf(int i) {
        return MIX.get(i % MIX.size());
    }

    /** Submits one report; records it when (and only when) intake answered 202. */
    UUID submit(PlatformClient client, Kind kind) {
        UUID id = client.accept(kind.body.get());
        accepted.put(id, kind);
        return id;
    }

    /** Submits {@code count} reports of the usual mix from a few threads at once; returns their ids in order. */
    List<UUID> burst(PlatformClient client, int count) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<UUID>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                Kind kind = kindOf(i);
                sent.add(pool.submit(() -> submit(client, kind)));
            }
            return sent.stream().map(Ledger::get).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    Map<UUID, Kind> snapshot() {
        return new LinkedHashMap<>(accepted);
    }

    int size() {
        return accepted.size();
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
