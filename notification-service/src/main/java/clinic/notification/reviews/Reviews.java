package clinic.notification.reviews;

import clinic.events.triage.TriageDecisionMade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;
import java.util.UUID;

/** The clinicians' reviews: one per decided report, opened by its decision, closed by a clinician. */
@Service
public class Reviews {

    private static final Logger log = LoggerFactory.getLogger(Reviews.class);

    private final ReviewRepository reviews;
    private final JsonMapper json;

    Reviews(ReviewRepository reviews, JsonMapper json) {
        this.reviews = reviews;
        this.json = json;
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

    /** The decision of a report, if it has reached this service. */
    @Transactional(readOnly = true)
    public Optional<RecordedDecision> decision(UUID reportId) {
        return reviews.findById(reportId).map(review -> json.readValue(review.decision(), RecordedDecision.class));
    }
}
