package clinic.support.outbox;

import clinic.support.work.PollingWorker;

import java.time.Duration;

/**
 * Runs the relay on a thread of its own: right after a transaction that appended events commits (the
 * {@link Outbox} nudges it), and every {@code clinic.outbox.relay.fixed-delay} as a fallback, for rows whose
 * nudge was missed (written by another instance, or left behind by a crash). Nudges that arrive during a round
 * coalesce into one more round, so a busy service relays in batches rather than once per event.
 */
class OutboxRelayWorker extends PollingWorker {

    private final OutboxRelay relay;

    OutboxRelayWorker(OutboxRelay relay, Duration fallbackInterval) {
        super("outbox-relay", fallbackInterval);
        this.relay = relay;
    }

    @Override
    protected void round() {
        relay.relay();
    }
}
