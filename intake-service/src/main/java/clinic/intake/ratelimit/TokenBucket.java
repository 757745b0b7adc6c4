package clinic.intake.ratelimit;

/** One actor's submissions: up to {@code capacity} at once, refilled at {@code capacity} per period. */
final class TokenBucket {

    private final double capacity;
    private final double tokensPerMilli;
    private double tokens;
    private long updatedAtMillis;

    TokenBucket(int capacity, long periodMillis, long nowMillis) {
        this.capacity = capacity;
        this.tokensPerMilli = capacity / (double) periodMillis;
        this.tokens = capacity;
        this.updatedAtMillis = nowMillis;
    }

    /** Takes one token; answers 0 when taken, else the milliseconds until one is available (none taken). */
    synchronized long take(long nowMillis) {
        if (nowMillis > updatedAtMillis) {
            tokens = Math.min(capacity, tokens + (nowMillis - updatedAtMillis) * tokensPerMilli);
            updatedAtMillis = nowMillis;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerMilli));
    }
}
