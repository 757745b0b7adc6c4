package clinic.notification.reviews;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.events.review.ReviewCompleted;
import clinic.events.review.ReviewedCondition;
import clinic.events.triage.Disposition;
import clinic.events.triage.RulesetRef;
import clinic.events.triage.TriageDecisionMade;
import clinic.notification.alerts.AlertQueue;
import clinic.notification.alerts.AlertView;
import clinic.notification.log.NotificationRepository;
import clinic.support.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The clinicians' reviews: one per decided report, opened by its decision, closed by a clinician. */
@Service
public class Reviews {

    private static final Logger log = LoggerFactory.getLogger(Reviews.class);

    private final ReviewRepository reviews;
    private final AlertQueue alerts;
    private final NotificationRepository notifications;
    private final Outbox outbox;
    private final EventCodec codec;
    private final JsonMapper json;
    private final Clock clock;

    Reviews(ReviewRepository reviews, AlertQueue alerts, NotificationRepository notifications, Outbox outbox,
            EventCodec codec, JsonMapper json, Clock clock) {
        this.reviews = reviews;
        this.alerts = alerts;
        this.notifications = notifications;
        this.outbox = outbox;
        this.codec = codec;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Keeps the decision of a report for its case page, in the caller's transaction (the one that marks the
     * decision event processed). A report has one decision; a second event for it changes nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordDecision(TriageDecisionMade decision, UUID eventId) {
        if (reviews.existsById(decision.reportId())) {
            log.info("Report {} has its decision recorded already; event {} changes nothing", decision.reportId(),
                    eventId);
            return;
        }
        RecordedDecision recorded = RecordedDecision.of(decision);
        reviews.save(new Review(decision.reportId(), recorded, json.writeValueAsString(recorded), eventId));
    }

    /** The review of a report: its decision and, once closed, the clinician's judgement. */
    @Transactional(readOnly = true)
    public Optional<ReviewView> find(UUID reportId) {
        return reviews.findById(reportId).map(this::view);
    }

    /** Every closed review, for the agreement figures. */
    @Transactional(readOnly = true)
    public List<ReviewView> closed() {
        return reviews.findByClosedAtIsNotNullOrderByRulesetIdAscRulesetVersionAscClosedAtAsc().stream()
                .map(this::view).toList();
    }

    /**
     * Closes the review with the clinician's judgement, in one transaction: the review row, the
     * {@code clinic.notification.review-completed.v1} event in the outbox (ids, dispositions and codes: never the
     * note), the report's alert acknowledged if still open (its escalation stops) and its routine item closed.
     * A review closes once; a second closing changes nothing and says who closed it.
     */
    @Transactional
    public Closing close(UUID reportId, Disposition disposition, ReviewedCondition condition, String note,
                         String clinician) {
        Optional<Review> found = reviews.findById(reportId);
        if (found.isEmpty()) {
            return Closing.UNKNOWN_REPORT;
        }
        Review review = found.get();
        Instant now = clock.instant();
        if (!review.close(disposition, condition, note, clinician, now)) {
            return Closing.ALREADY_CLOSED;
        }
        RulesetRef ruleset = json.readValue(review.decision(), RecordedDecision.class).ruleset();
        outbox.append(codec.encode(ClinicTopics.REVIEW_OUTCOMES, reportId, new ReviewCompleted(reportId, ruleset,
                review.rulesDisposition(), review.rulesTopCondition(), disposition, condition, clinician, now), now));
        alerts.forReport(reportId).filter(alert -> alert.status() == AlertView.Status.OPEN)
                .ifPresent(alert -> alerts.acknowledge(alert.alertId(), clinician));
        notifications.closeRoutineItem(reportId, clinician, now);
        // who closed it is in the review row and the audit trail; the log carries the report id only
        log.info("Review of report {} closed: rules {}, clinician {}", reportId, review.rulesDisposition(),
                disposition);
        return Closing.CLOSED;
    }

    /** What a closing did. */
    public enum Closing { CLOSED, ALREADY_CLOSED, UNKNOWN_REPORT }

    private ReviewView view(Review review) {
        return new ReviewView(review.reportId(), json.readValue(review.decision(), RecordedDecision.class),
                review.rulesTopCondition(), review.closedAt(), review.closedBy(), review.clinicianDisposition(),
                review.clinicianCondition(), review.note());
    }
}
