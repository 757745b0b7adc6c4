package clinic.support.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/** Deletes sent outbox rows once they are older than the retention period ({@code clinic.outbox.retention}). */
class OutboxPurge {

    private static final Logger log = LoggerFactory.getLogger(OutboxPurge.class);

    private final OutboxStore store;
    private final Duration retention;
    private final Clock clock;

    OutboxPurge(OutboxStore store, Duration retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    /** @return how many sent rows were deleted */
    int purge() {
        int purged = store.purgeSentBefore(clock.instant().minus(retention));
        if (purged > 0) {
            log.info("Outbox: purged {} events sent more than {} ago", purged, retention);
        }
        return purged;
    }
}
