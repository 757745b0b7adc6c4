package clinic.notification.alerts;

import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.RedFlag;
import clinic.notification.log.Priority;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A clinician alert as the work queue and the dashboard feed show it. {@code status} is OPEN until
 * acknowledged; {@code escalationLevel} counts the escalations so far (0: none), {@code escalatedAt} is the last;
 * {@code escalatesAt} is when it escalates next if nobody acknowledges it (null once acknowledged).
 */
public record AlertView(UUID alertId, UUID reportId, Disposition disposition, Priority priority,
                        List<RedFlag> redFlags, List<FiredRule> reasons, URI reportLink, Instant createdAt,
                        Status status, String acknowledgedBy, Instant acknowledgedAt, int escalationLevel,
                        Instant escalatedAt, Instant escalatesAt) {

    public enum Status {
        OPEN, ACKNOWLEDGED
    }
}
