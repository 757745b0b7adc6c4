package clinic.notification.pages;

import clinic.notification.decisions.RoutineReviewView;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One report of the routine review queue as the page shows it. */
public record RoutineRow(UUID reportId, String disposition, List<String> redFlags, String topCondition, Instant queuedAt,
                  String waiting, boolean planMissing) {

    static RoutineRow of(RoutineReviewView item, Instant now) {
        return new RoutineRow(item.reportId(), Labels.of(item.disposition()),
                item.redFlags().stream().map(Labels::of).toList(),
                item.topCondition() == null ? "None scored" : Labels.of(item.topCondition()), item.queuedAt(),
                Labels.span(Duration.between(item.queuedAt(), now)), item.planMissing());
    }
}
