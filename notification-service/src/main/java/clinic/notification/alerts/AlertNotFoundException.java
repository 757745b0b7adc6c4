package clinic.notification.alerts;

import java.util.UUID;

/** No clinician alert has this id. */
public class AlertNotFoundException extends RuntimeException {

    private final UUID alertId;

    AlertNotFoundException(UUID alertId) {
        super("No alert " + alertId);
        this.alertId = alertId;
    }

    public UUID alertId() {
        return alertId;
    }
}
