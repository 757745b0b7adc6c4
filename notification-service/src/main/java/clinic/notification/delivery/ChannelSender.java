package clinic.notification.delivery;

import io.micrometer.observation.Observation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A transport. One attempt, no retries of its own: the dispatcher retries with back-off. An implementation
 * resolves the recipient's address when it sends and keeps no trace of it.
 */
public interface ChannelSender {

    DeliveryChannel channel();

    /** Returns normally once the receiver accepted the message; otherwise says why and whether to retry. */
    void send(DeliveryTask task, Message message) throws DeliveryFailure;

    /**
     * Whether {@link #sendAll} does better than one {@link #send} after another (email: one SMTP connection for
     * all). The dispatcher then hands this sender a chunk of its batch per sender thread; otherwise one message per
     * thread, so a slow receiver (a webhook waiting out its timeout) holds up only its own message.
     */
    default boolean sendsBatches() {
        return false;
    }

    /**
     * One attempt for each message. @return the failure of every message that was not accepted, by delivery id;
     * a message without an entry was accepted. The default sends one after another; an unforeseen exception fails
     * only its own message, as a transient failure named by its class (a bug is retried, never dropped).
     */
    default Map<UUID, DeliveryFailure> sendAll(List<Outgoing> messages) {
        Map<UUID, DeliveryFailure> failures = new HashMap<>();
        for (Outgoing outgoing : messages) {
            try (Observation.Scope scope = outgoing.trace().openScope()) {
                send(outgoing.task(), outgoing.message());
            } catch (DeliveryFailure failure) {
                failures.put(outgoing.task().deliveryId(), failure);
            } catch (RuntimeException e) {
                failures.put(outgoing.task().deliveryId(), DeliveryFailure.transientFailure(e.getClass().getName(), null));
            }
        }
        return failures;
    }

    /**
     * A claimed delivery with its composed message, ready to send, and the observation it is sent in: a sender's
     * own client observations (SMTP, HTTP) are its children.
     */
    record Outgoing(DeliveryTask task, Message message, Observation trace) {

        /** Outside any trace (tests that call a sender directly). */
        public Outgoing(DeliveryTask task, Message message) {
            this(task, message, Observation.NOOP);
        }
    }
}
