package clinic.intake.ratelimit;

import io.github.bucket4j.BucketConfiguration;

import java.time.Duration;

/**
 * One caller's submissions as a token bucket: up to {@code capacity} at once (the burst), refilled with
 * {@code refillTokens} every {@code refillPeriod}, evenly (one token every period / refillTokens).
 */
public record Quota(int capacity, int refillTokens, Duration refillPeriod) {

    public Quota {
        if (capacity < 1 || refillTokens < 1 || refillPeriod == null || refillPeriod.isNegative()
                || refillPeriod.isZero()) {
            throw new IllegalArgumentException(
                    "a rate-limit quota needs capacity >= 1, refill-tokens >= 1 and a positive refill-period");
        }
    }

    /** The same number of submissions refilled over the period as the bucket holds. */
    static Quota of(int submissions, Duration period) {
        return new Quota(submissions, submissions, period);
    }

    BucketConfiguration bucket() {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(refillTokens, refillPeriod))
                .build();
    }
}
