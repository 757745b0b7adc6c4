package clinic.notification.delivery;

import clinic.notification.NotificationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Schedules the deliveries of a notification, in the caller's transaction: they commit with the
 * notification (and the event's processed-message row) or not at all, so a redelivered event, which the
 * inbox turns away, can never schedule a second one. The channels follow the configuration: email always,
 * the webhook when its URL is set. The dispatcher's lane for the recipient is nudged after the commit, so a new
 * alert goes out at once.
 */
@Service
public class Deliveries {

    private final DeliveryStore store;
    private final DeliveryDispatcher dispatcher;
    private final NotificationProperties properties;
    private final Clock clock;

    Deliveries(DeliveryStore store, DeliveryDispatcher dispatcher, NotificationProperties properties, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return the channels scheduled for this recipient at this escalation level */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<DeliveryChannel> schedule(UUID notificationId, Recipient recipient, int escalationLevel) {
        List<DeliveryChannel> channels = channelsFor(recipient);
        channels.forEach(channel -> store.insert(notificationId, channel, recipient, escalationLevel, clock.instant()));
        // The lane of this recipient only: an alert wakes the urgent lane, whatever the routine one is doing.
        dispatcher.nudgeAfterCommit(recipient);
        return channels;
    }

    List<DeliveryChannel> channelsFor(Recipient recipient) {
        List<DeliveryChannel> channels = new ArrayList<>(List.of(DeliveryChannel.EMAIL));
        boolean webhook = switch (recipient) {
            case CLINICIAN -> properties.webhook().enabled();
            case ESCALATION -> properties.escalation().webhookEnabled();
            case PATIENT -> false; // patients are reached by email only
        };
        if (webhook) {
            channels.add(DeliveryChannel.WEBHOOK);
        }
        return channels;
    }
}
