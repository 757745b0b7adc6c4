package clinic.notification.delivery;

/** The transports a delivery row can use. The dashboard feed is not one: it is written in the same transaction. */
public enum DeliveryChannel {
    EMAIL, WEBHOOK
}
