package clinic.local;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a crash caught work in flight. A crash test proves something only if the kill came while reports were
 * still being processed; a kill after everything had settled passes without testing recovery at all. Read once the
 * platform has settled again: a report decided, or first notified, after the crash was still in an outbox, a topic
 * or a consumer when it came. Both clocks are this machine's.
 */
final class InFlight {

    private InFlight() {
    }

    /** Fails unless at least one of these reports was decided or notified only after {@code crashedAt}. */
    static void assertCrashHitWorkInFlight(PlatformClient client, Collection<UUID> reports, Instant crashedAt) {
        long inFlight = reports.stream().filter(id -> finishedAfter(client, id, crashedAt)).count();
        System.out.printf("%d of %d reports were still in flight at the crash%n", inFlight, reports.size());
        assertThat(inFlight).as("reports still in an outbox, on a topic or undecided when the crash came "
                + "(decided or notified only after it)").isPositive();
    }

    private static boolean finishedAfter(PlatformClient client, UUID reportId, Instant crashedAt) {
        PlatformClient.Response decision = client.decision(reportId);
        if (decision.status() != 200 || Instant.parse(decision.json().get("decidedAt").asString()).isAfter(crashedAt)) {
            return true;
        }
        for (JsonNode notification : client.notifications(reportId).json()) {
            if (Instant.parse(notification.get("createdAt").asString()).isAfter(crashedAt)) {
                return true;
            }
        }
        return false;
    }
}
