package clinic.notification.delivery;

/**
 * A transport. One attempt, no retries of its own: the dispatcher retries with back-off. An implementation
 * resolves the recipient's address when it sends and keeps no trace of it.
 */
public interface ChannelSender {

    DeliveryChannel channel();

    /** Returns normally once the receiver accepted the message; otherwise says why and whether to retry. */
    void send(DeliveryTask task, Message message) throws DeliveryFailure;
}
