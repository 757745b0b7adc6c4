package clinic.triage.decision;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.events.IncomingEvent;
import clinic.events.OutgoingEvent;
import clinic.events.ReportSubmittedAt;
import clinic.events.SubmittedBy;
import clinic.events.intake.SymptomReportSubmitted;
import clinic.events.triage.TriageDecisionMade;
import clinic.triage.engine.TriageEngine;
import clinic.triage.engine.TriageOutcome;
import clinic.support.audit.AuditMarks;
import clinic.support.inbox.Inbox;
import clinic.support.outbox.Outbox;
import clinic.support.security.Actor;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides a symptom report, once. In one transaction: the processed-message row, the decision row and
 * the outbox rows (decision-made for every report; urgent-review-requested for EMERGENCY and
 * URGENT_REVIEW). A redelivered event, or another event for an already decided report, adds nothing.
 */
@Service
public class Triage {

    public enum Result { DECIDED, DUPLICATE_EVENT, ALREADY_DECIDED }

    static final String CONSUMER = "triage-service";

    private static final Logger log = LoggerFactory.getLogger(Triage.class);

    private final TriageEngine engine;
    private final EventCodec codec;
    private final StoredDecisionRepository decisions;
    private final Inbox inbox;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry metrics;

    Triage(TriageEngine engine, EventCodec codec, StoredDecisionRepository decisions, Inbox inbox, Outbox outbox,
           Clock clock, MeterRegistry metrics) {
        this.engine = engine;
        this.codec = codec;
        this.decisions = decisions;
        this.inbox = inbox;
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Transactional
    public Result decide(IncomingEvent<SymptomReportSubmitted> event) {
        UUID reportId = event.data().reportId();
        if (!inbox.firstDelivery(CONSUMER, event.id())) {
            log.info("Event {} for report {} was processed before; nothing to do", event.id(), reportId);
            return Result.DUPLICATE_EVENT;
        }
        if (decisions.existsById(reportId)) {
            log.info("Report {} is already decided; event {} adds nothing", reportId, event.id());
            return Result.ALREADY_DECIDED;
        }
        // the database keeps microseconds: decide on the time it will read back
        Instant decidedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        TriageOutcome outcome = engine.evaluate(event.data().answers());
        TriageDecisionMade decision = outcome.toDecision(reportId, decidedAt);
        OutgoingEvent decided = codec.encode(ClinicTopics.TRIAGE_DECISIONS, reportId, decision, decidedAt);
        Optional<SubmittedBy> submitter = SubmittedBy.of(event);
        StoredDecision stored = decisions.save(new StoredDecision(decision, event.id(), decided.payload(), submitter));
        Instant submittedAt = event.data().submittedAt();
        if (outcome.disposition().needsUrgentReview()) {
            outbox.append(stamped(stored, submittedAt, codec.encode(ClinicTopics.URGENT_REVIEWS, reportId,
                    outcome.toUrgentReview(reportId, decidedAt), decidedAt)));
        }
        outbox.append(stamped(stored, submittedAt, decided));
        metrics.counter("clinic.triage.decisions", "disposition", outcome.disposition().name()).increment();
        decision.redFlags().forEach(flag -> metrics.counter("clinic.triage.red.flags", "flag", flag.name()).increment());
        log.info("Report {} decided {} (event {}, {} rules fired)", reportId, outcome.disposition(), event.id(),
                outcome.rulesFired().size());
        return Result.DECIDED;
    }

    /**
     * Events derived from a report name its submitter too, so notification applies the same ownership rule, and
     * when it was submitted, so notification can time the whole pipeline.
     */
    private static OutgoingEvent stamped(StoredDecision decision, Instant submittedAt, OutgoingEvent event) {
        OutgoingEvent timed = ReportSubmittedAt.stamp(event, submittedAt);
        return decision.submittedBy().map(submitter -> submitter.stamp(timed)).orElse(timed);
    }

    @Transactional(readOnly = true)
    public Optional<TriageDecisionMade> decisionFor(UUID reportId) {
        return decisions.findById(reportId).map(StoredDecision::decision);
    }

    /**
     * The decision if this reader may see it. A decision of someone else's report looks exactly like an
     * unknown one (empty); only the audit trail learns that it was refused.
     */
    @Transactional(readOnly = true)
    public Optional<TriageDecisionMade> decisionFor(UUID reportId, Actor reader) {
        Optional<StoredDecision> found = decisions.findById(reportId);
        if (found.isPresent() && !found.get().readableBy(reader)) {
            AuditMarks.deniedObject();
            return Optional.empty();
        }
        return found.map(StoredDecision::decision);
    }
}
