package clinic.local.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brute-force protection for the login form, as Keycloak's realm has it: after {@value #FREE_FAILURES} wrong
 * passwords in a row an account is locked for {@link #FIRST_LOCK}, and every further wrong password while it is
 * locked doubles the lock, up to {@link #LONGEST_LOCK}. A locked account is refused even with the right password;
 * a successful login clears the count. Per account name, in memory (the demo issuer is one process).
 */
final class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);

    private record Failures(int count, Instant lockedUntil, Duration lastLock) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    boolean locked(String account) {
        Failures current = failures.get(account);
        return current != null && current.lockedUntil() != null && clock.instant().isBefore(current.lockedUntil());
    }

    void failed(String account) {
        Instant now = clock.instant();
        failures.compute(account, (name, current) -> {
            int count = current == null ? 1 : current.count() + 1;
            if (count < FREE_FAILURES) {
                return new Failures(count, null, null);
            }
            Duration lock = current == null || current.lastLock() == null ? FIRST_LOCK
                    : min(current.lastLock().multipliedBy(2), LONGEST_LOCK);
            return new Failures(count, now.plus(lock), lock);
        });
    }

    void succeeded(String account) {
        failures.remove(account);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
