package clinic.support.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The ceiling on the live sessions of a session store that every instance shares (Spring Session JDBC), where
 * Tomcat's per-instance ceiling no longer applies: Tomcat's manager never sees those sessions.
 * <p>
 * Counting the store's live sessions on every new session would add a query to every login start, so an
 * instance counts at most once per {@code recountAfter} and adds the sessions it created itself since. The
 * count is exact for one instance; with several, the ceiling can be passed by the sessions the other instances
 * created within one interval (one second by default), which still bounds the table.
 */
final class JdbcSessionCeiling {

    private final int maxActiveSessions;
    private final Duration recountAfter;
    private final LongSupplier liveSessions;
    private final Clock clock;

    private long knownLiveSessions;
    private Instant countedAt;

    JdbcSessionCeiling(int maxActiveSessions, Duration recountAfter, LongSupplier liveSessions, Clock clock) {
        this.maxActiveSessions = maxActiveSessions;
        this.recountAfter = recountAfter;
        this.liveSessions = liveSessions;
        this.clock = clock;
    }

    /** Counts one more session in, or refuses it with {@link SessionCeilingReachedException}. */
    synchronized void admitOneMore() {
        Instant now = clock.instant();
        if (countedAt == null || !now.isBefore(countedAt.plus(recountAfter))) {
            knownLiveSessions = liveSessions.getAsLong();
            countedAt = now;
        }
        if (knownLiveSessions >= maxActiveSessions) {
            throw new SessionCeilingReachedException(maxActiveSessions);
        }
        knownLiveSessions++;
    }
}
