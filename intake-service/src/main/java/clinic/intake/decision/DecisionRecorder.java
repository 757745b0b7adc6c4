package clinic.intake.decision;

import clinic.events.IncomingEvent;
import clinic.events.triage.TriageDecisionMade;
import clinic.intake.report.SymptomReportService;
import clinic.intake.report.SymptomReportService.TriageUpdate;
import clinic.support.inbox.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a triage decision exactly once per event id: the status change, the self-care plan and the
 * processed-message row commit together, so a redelivered event (same {@code ce_id}) finds its row and
 * does nothing.
 */
@Component
class DecisionRecorder {

    static final String CONSUMER = "intake-service.triage-decisions";

    private static final Logger log = LoggerFactory.getLogger(DecisionRecorder.class);

    private final Inbox inbox;
    private final SymptomReportService reports;

    DecisionRecorder(Inbox inbox, SymptomReportService reports) {
        this.inbox = inbox;
        this.reports = reports;
    }

    @Transactional
    void record(IncomingEvent<TriageDecisionMade> event) {
        if (!inbox.firstDelivery(CONSUMER, event.id())) {
            log.info("Decision event {} already processed; skipping", event.id());
            return;
        }
        TriageDecisionMade decision = event.data();
        TriageUpdate update = reports.recordTriage(decision.reportId(), decision.disposition(),
                decision.decidedAt(), decision.selfCarePlan());
        if (update == TriageUpdate.UNKNOWN_REPORT) {
            // Cannot be an ordering race: a report commits before its event is relayed. Dead-letter, don't retry.
            throw new UnknownReportException(decision.reportId());
        }
    }
}
