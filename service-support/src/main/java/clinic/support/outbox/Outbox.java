package clinic.support.outbox;

import clinic.events.OutgoingEvent;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where domain code drops the events it produces. Appending requires the caller's transaction, so an
 * event is committed together with the change it announces or not at all; {@link OutboxRelay}
 * publishes it afterwards.
 */
public class Outbox {

    private final OutboxStore store;
    private final Clock clock;
    private final Runnable wakeRelayAfterCommit;
    private final Supplier<String> currentTraceParent;

    /**
     * @param wakeRelayAfterCommit asks this instance's relay for a round once the caller's transaction commits
     * @param currentTraceParent   the trace the caller is in, stored with the row for the relay to continue
     */
    Outbox(OutboxStore store, Clock clock, Runnable wakeRelayAfterCommit, Supplier<String> currentTraceParent) {
        this.store = store;
        this.clock = clock;
        this.wakeRelayAfterCommit = wakeRelayAfterCommit;
        this.currentTraceParent = currentTraceParent;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(OutgoingEvent event) {
        store.insert(event, clock.instant(), currentTraceParent.get());
        wakeRelayAfterCommit.run();
    }

    /** Events not yet acknowledged by Kafka. */
    @Transactional(readOnly = true)
    public long pending() {
        return store.backlog().pending();
    }

    /** Every event stored for one message key (a report id), oldest first: for operations and tests. */
    @Transactional(readOnly = true)
    public List<OutboxEntry> entriesFor(String key) {
        return store.entriesFor(key);
    }
}
