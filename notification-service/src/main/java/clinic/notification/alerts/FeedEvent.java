package clinic.notification.alerts;

/** What happened to an alert, as the dashboard feed names it (the server-sent event's name). */
enum FeedEvent {
    ALERT_RAISED("alert-raised"),
    ALERT_ESCALATED("alert-escalated"),
    ALERT_ACKNOWLEDGED("alert-acknowledged");

    private final String eventName;

    FeedEvent(String eventName) {
        this.eventName = eventName;
    }

    String eventName() {
        return eventName;
    }
}
