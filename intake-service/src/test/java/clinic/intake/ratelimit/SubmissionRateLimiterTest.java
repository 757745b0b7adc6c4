package clinic.intake.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The per-actor token bucket, on a clock the test moves (no sleeping). */
class SubmissionRateLimiterTest {

    final MovableClock clock = new MovableClock();
    final SubmissionRateLimiter limiter =
            new SubmissionRateLimiter(new RateLimitProperties(true, 3, Duration.ofMinutes(1)), clock);

    @Test
    void theSubmissionAfterTheLimitIsRefusedWithTheSecondsUntilTheNextOne() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("patient-a");
        }

        SubmissionsRateLimited refused = catchThrowableOfType(SubmissionsRateLimited.class,
                () -> limiter.acquire("patient-a"));

        assertThat(refused).isNotNull();
        assertThat(refused.getStatusCode().value()).isEqualTo(429);
        // 3 per minute: one comes back every 20 seconds
        assertThat(refused.retryAfterSeconds()).isEqualTo(20);
        assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("20");
    }

    @Test
    void anotherActorIsNotAffected() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("patient-a");
        }
        assertThatThrownBy(() -> limiter.acquire("patient-a")).isInstanceOf(SubmissionsRateLimited.class);

        for (int i = 0; i < 3; i++) {
            limiter.acquire("patient-b");
        }
    }

    @Test
    void afterThePeriodTheActorMaySubmitAFullBurstAgain() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("patient-a");
        }
        assertThatThrownBy(() -> limiter.acquire("patient-a")).isInstanceOf(SubmissionsRateLimited.class);

        clock.advance(Duration.ofSeconds(20));
        limiter.acquire("patient-a");
        assertThatThrownBy(() -> limiter.acquire("patient-a")).as("one token per 20s").isInstanceOf(
                SubmissionsRateLimited.class);

        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            limiter.acquire("patient-a");
        }
        assertThatThrownBy(() -> limiter.acquire("patient-a")).isInstanceOf(SubmissionsRateLimited.class);
    }

    @Test
    void aRefusedAttemptDoesNotCount() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("patient-a");
        }
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> limiter.acquire("patient-a")).isInstanceOf(SubmissionsRateLimited.class);
        }

        clock.advance(Duration.ofSeconds(20));
        limiter.acquire("patient-a");
    }

    @Test
    void whenDisabledNothingIsLimited() {
        SubmissionRateLimiter off = new SubmissionRateLimiter(new RateLimitProperties(false, 1, Duration.ofHours(1)),
                clock);

        for (int i = 0; i < 50; i++) {
            off.acquire("patient-a");
        }
    }

    @Test
    void refusesSettingsThatCouldNeverAllowASubmission() {
        assertThatThrownBy(() -> new RateLimitProperties(true, 0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimitProperties(true, 5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A clock that stands still until the test moves it. */
    static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-03-01T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
