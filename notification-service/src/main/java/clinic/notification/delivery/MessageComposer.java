package clinic.notification.delivery;

import clinic.notification.log.NotificationKind;

/** Composes the message of one notification kind; each feature package provides the one for its kind. */
public interface MessageComposer {

    NotificationKind kind();

    Message compose(DeliveryTask task);
}
