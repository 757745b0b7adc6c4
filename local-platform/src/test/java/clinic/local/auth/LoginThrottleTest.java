package clinic.local.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void fiveWrongPasswordsInARowLockTheAccountForThirtySeconds() {
        failTimes("patient-demo", LoginThrottle.FREE_FAILURES - 1);
        assertThat(throttle.locked("patient-demo")).isFalse();

        throttle.failed("patient-demo");

        assertThat(throttle.locked("patient-demo")).isTrue();
        assertThat(throttle.locked("clinician-demo")).as("per account").isFalse();
        clock.advance(LoginThrottle.FIRST_LOCK.minusSeconds(1));
        assertThat(throttle.locked("patient-demo")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.locked("patient-demo")).isFalse();
    }

    @Test
    void everyFurtherFailureDoublesTheLockUpToFifteenMinutes() {
        failTimes("patient-demo", LoginThrottle.FREE_FAILURES + 10);

        clock.advance(LoginThrottle.LONGEST_LOCK.minusSeconds(1));
        assertThat(throttle.locked("patient-demo")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.locked("patient-demo")).isFalse();
    }

    @Test
    void aSuccessfulLoginClearsTheCount() {
        failTimes("patient-demo", LoginThrottle.FREE_FAILURES - 1);
        throttle.succeeded("patient-demo");

        throttle.failed("patient-demo");

        assertThat(throttle.locked("patient-demo")).isFalse();
    }

    private void failTimes(String account, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(account);
        }
    }

    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
