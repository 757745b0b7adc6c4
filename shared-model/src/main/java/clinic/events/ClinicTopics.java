package clinic.events;

import clinic.events.intake.SymptomReportSubmitted;
import clinic.events.review.ReviewCompleted;
import clinic.events.triage.TriageDecisionMade;
import clinic.events.triage.UrgentReviewRequested;

import java.util.List;

/**
 * The one registry of the clinic's topics. Urgent reviews have a topic of their own so that an alert
 * never waits behind routine traffic.
 */
public final class ClinicTopics {

    public static final ClinicTopic<SymptomReportSubmitted> SYMPTOM_REPORTS =
            new ClinicTopic<>("clinic.symptom-reports.v1", EventType.SYMPTOM_REPORT_SUBMITTED);
    public static final ClinicTopic<TriageDecisionMade> TRIAGE_DECISIONS =
            new ClinicTopic<>("clinic.triage-decisions.v1", EventType.DECISION_MADE);
    public static final ClinicTopic<UrgentReviewRequested> URGENT_REVIEWS =
            new ClinicTopic<>("clinic.urgent-reviews.v1", EventType.URGENT_REVIEW_REQUESTED);
    /** Clinicians' review outcomes, for the rules' audit and whoever measures triage against review. */
    public static final ClinicTopic<ReviewCompleted> REVIEW_OUTCOMES =
            new ClinicTopic<>("clinic.review-outcomes.v1", EventType.REVIEW_COMPLETED);

    private ClinicTopics() {
    }

    public static List<ClinicTopic<?>> all() {
        return List.of(SYMPTOM_REPORTS, TRIAGE_DECISIONS, URGENT_REVIEWS, REVIEW_OUTCOMES);
    }
}
