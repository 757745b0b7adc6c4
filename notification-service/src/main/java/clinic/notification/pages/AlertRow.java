package clinic.notification.pages;

import clinic.notification.alerts.AlertView;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One open alert as the queue shows it, at the moment the page was drawn: how long it has waited, and how long
 * is left before it escalates (or by how much it is past that, while the escalation is being sent).
 */
public record AlertRow(UUID alertId, UUID reportId, String priority, boolean emergency, String disposition,
                List<String> redFlags, Instant raisedAt, String waiting, String escalatesIn, boolean overdue,
                int escalationLevel) {

    static AlertRow of(AlertView alert, Instant now) {
        Instant deadline = alert.escalatesAt();
        boolean overdue = deadline != null && !deadline.isAfter(now);
        String escalatesIn = deadline == null ? "" : overdue
                ? "due " + Labels.span(Duration.between(deadline, now)) + " ago"
                : Labels.span(Duration.between(now, deadline));
        return new AlertRow(alert.alertId(), alert.reportId(), alert.priority().name(),
                alert.priority().name().equals("P1"), Labels.of(alert.disposition()),
                alert.redFlags().stream().map(Labels::of).toList(), alert.createdAt(),
                Labels.span(Duration.between(alert.createdAt(), now)), escalatesIn, overdue,
                alert.escalationLevel());
    }

    public boolean escalated() {
        return escalationLevel > 0;
    }
}
