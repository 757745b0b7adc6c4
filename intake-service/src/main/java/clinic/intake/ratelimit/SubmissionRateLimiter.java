package clinic.intake.ratelimit;

import clinic.support.security.Actor;
import clinic.support.security.Owner;
import io.github.bucket4j.ConsumptionProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/**
 * Counts report submissions against the caller's quota ({@link RateLimitProperties#quotaOf}), API and form
 * together. The buckets are rows of the service's database ({@link SubmissionBuckets}), so every instance
 * counts against the same quota. A person's bucket and a client's are keyed apart ({@code PERSON:<sub>},
 * {@code CLIENT:<client id>}): a patient whose subject looks like a client id never shares the client's bucket.
 */
@Component
public class SubmissionRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(SubmissionRateLimiter.class);

    private final RateLimitProperties settings;
    private final SubmissionBuckets buckets;

    SubmissionRateLimiter(RateLimitProperties settings, SubmissionBuckets buckets) {
        this.settings = settings;
        this.buckets = buckets;
    }

    /**
     * Counts one submission of this caller.
     *
     * @throws SubmissionsRateLimited when the caller is over its quota; nothing was counted
     */
    public void acquire(Actor actor) {
        if (!settings.enabled()) {
            return;
        }
        Owner owner = Owner.of(actor);
        Quota quota = settings.quotaOf(owner);
        ConsumptionProbe probe = buckets.proxies().builder().build(key(owner), quota::bucket)
                .tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
            // the kind only: the id is a patient's subject
            log.warn("Submission quota of a {} reached; retry after {}s", owner.kind(), seconds);
            throw new SubmissionsRateLimited(seconds);
        }
    }

    /** The bucket's row id; kinds never contain {@code :}, so the namespaces cannot meet. */
    static String key(Owner owner) {
        return owner.kind() + ":" + owner.id();
    }
}
