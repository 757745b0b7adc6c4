package clinic.triage.cds;

import java.util.List;

/**
 * CDS Hooks 2.0 feedback: {@code {"feedback": [{card, outcome, acceptedSuggestions, overrideReason,
 * outcomeTimestamp}]}}. Bound loosely and checked by {@link CdsFeedback}, so a bad entry gets a 400 that says which.
 */
record FeedbackRequest(List<Entry> feedback) {

    record Entry(String card, String outcome, List<AcceptedSuggestion> acceptedSuggestions,
                 OverrideReason overrideReason, String outcomeTimestamp) {
    }

    record AcceptedSuggestion(String id) {
    }

    record OverrideReason(CdsResponse.Coding reason, String userComment) {
    }
}
