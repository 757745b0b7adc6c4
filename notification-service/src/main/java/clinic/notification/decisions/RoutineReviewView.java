package clinic.notification.decisions;

import clinic.events.triage.Condition;
import clinic.events.triage.Disposition;
import clinic.events.triage.RedFlag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A report in the routine review queue: its disposition, red flags (routine ones have none that need today's
 * review), the rules' top-ranked condition (null if none scored), and whether its self-care plan was missing.
 */
public record RoutineReviewView(UUID reportId, Instant queuedAt, Disposition disposition, List<RedFlag> redFlags,
                                Condition topCondition, boolean planMissing) {
}
