package clinic.intake.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the key table bounded: deletes expired keys every {@code clinic.intake.idempotency.purge-interval}. Lookups
 * ignore expired rows anyway, so a purge that runs late or on several instances at once changes no answer.
 */
@Component
public class IdempotencyKeyPurge {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPurge.class);

    private final IdempotencyKeys keys;

    IdempotencyKeyPurge(IdempotencyKeys keys) {
        this.keys = keys;
    }

    /** @return how many expired keys were deleted */
    @Scheduled(fixedDelayString = "${clinic.intake.idempotency.purge-interval:1h}",
            initialDelayString = "${clinic.intake.idempotency.purge-interval:1h}")
    public int purge() {
        int purged = keys.purgeExpired();
        if (purged > 0) {
            log.info("Purged {} expired idempotency keys", purged);
        }
        return purged;
    }
}
