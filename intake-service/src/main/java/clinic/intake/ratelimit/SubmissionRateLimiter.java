package clinic.intake.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Limits report submissions per actor (the token's subject or client id), shared by the API and the form.
 * Memory stays bounded: a bucket idle for a whole period is full again, so it is dropped then (a new one
 * is the same), and there are never more than {@value #MAX_ACTORS} buckets.
 */
@Component
public class SubmissionRateLimiter {

    static final long MAX_ACTORS = 100_000;
    private static final Logger log = LoggerFactory.getLogger(SubmissionRateLimiter.class);

    private final RateLimitProperties settings;
    private final Clock clock;
    private final Cache<String, TokenBucket> buckets;

    SubmissionRateLimiter(RateLimitProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.buckets = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterAccess(settings.period())
                .maximumSize(MAX_ACTORS)
                .build();
    }

    /**
     * Counts one submission of this actor.
     *
     * @throws SubmissionsRateLimited when the actor is over its limit; nothing was counted
     */
    public void acquire(String actor) {
        if (!settings.enabled()) {
            return;
        }
        long now = clock.millis();
        TokenBucket bucket = buckets.get(actor,
                key -> new TokenBucket(settings.submissions(), settings.period().toMillis(), now));
        long waitMillis = bucket.take(now);
        if (waitMillis > 0) {
            long seconds = Math.max(1, TimeUnit.MILLISECONDS.toSeconds(waitMillis + 999));
            log.warn("Submission rate limit reached; retry after {}s", seconds);
            throw new SubmissionsRateLimited(seconds);
        }
    }
}
