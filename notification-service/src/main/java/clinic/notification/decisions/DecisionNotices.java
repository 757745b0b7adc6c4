package clinic.notification.decisions;

import clinic.events.IncomingEvent;
import clinic.events.ReportSubmittedAt;
import clinic.events.SubmittedBy;
import clinic.support.security.Owner;
import clinic.events.triage.Disposition;
import clinic.events.triage.TriageDecisionMade;
import clinic.notification.delivery.Deliveries;
import clinic.notification.delivery.Recipient;
import clinic.support.inbox.Inbox;
import clinic.notification.log.Channel;
import clinic.notification.log.NotificationKind;
import clinic.notification.log.NotificationLog;
import clinic.notification.log.PipelineLatency;
import clinic.notification.log.Priority;
import clinic.notification.reviews.Reviews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records the decision for the clinicians' case page ({@link Reviews}), the patient notice of a decision
 * (priority by disposition) with its email to the patient, and,
 * for ROUTINE_REVIEW, an item for the clinicians' routine queue (P3), all in the transaction that marks the
 * event processed. Clinician alerts come from the urgent-review topic, not from here.
 * A SELF_CARE decision that came without its plan also gets a routine-review item: its patient notice
 * promises that a clinician will review the answers.
 */
@Service
class DecisionNotices {

    private static final Logger log = LoggerFactory.getLogger(DecisionNotices.class);

    private final Inbox inbox;
    private final NotificationLog notifications;
    private final Deliveries deliveries;
    private final Reviews reviews;
    private final PipelineLatency latency;
    private final JsonMapper json;

    DecisionNotices(Inbox inbox, NotificationLog notifications, Deliveries deliveries, Reviews reviews,
                    PipelineLatency latency, JsonMapper json) {
        this.inbox = inbox;
        this.notifications = notifications;
        this.deliveries = deliveries;
        this.reviews = reviews;
        this.latency = latency;
        this.json = json;
    }

    @Transactional
    public void handle(IncomingEvent<TriageDecisionMade> event) {
        if (!inbox.firstDelivery(TriageDecisionListener.ID, event.id())) {
            log.info("Decision event {} was handled already", event.id());
            return;
        }
        TriageDecisionMade decision = event.data();
        boolean lacksPlan = PatientNotice.lacksPlan(decision);
        if (lacksPlan) {
            log.warn("Decision event {} for report {} ({}) has no self-care plan: generic notice, clinician review",
                    event.id(), decision.reportId(), decision.disposition());
        }
        reviews.recordDecision(decision, event.id());
        Owner owner = Owner.of(SubmittedBy.of(event));
        notifications.record(new NotificationLog.Request(decision.reportId(), NotificationKind.PATIENT_NOTICE,
                        Channel.PATIENT_MESSAGE, Priority.of(decision.disposition()),
                        json.writeValueAsString(PatientNotice.of(decision)), event.id(), owner))
                .ifPresent(notice -> {
                    deliveries.schedule(notice.id(), Recipient.PATIENT, 0);
                    // an urgent report's first notification is its clinician alert, timed on the urgent path
                    if (!decision.disposition().needsUrgentReview()) {
                        ReportSubmittedAt.of(event).ifPresent(submittedAt ->
                                latency.firstNotification(PipelineLatency.Path.ROUTINE, submittedAt));
                    }
                });
        if (decision.disposition() == Disposition.ROUTINE_REVIEW || lacksPlan) {
            notifications.record(new NotificationLog.Request(decision.reportId(),
                    NotificationKind.ROUTINE_REVIEW_ITEM, Channel.CLINICIAN_DASHBOARD, Priority.P3,
                    json.writeValueAsString(RoutineReviewItem.of(decision, lacksPlan)), event.id(), owner));
        }
    }
}
