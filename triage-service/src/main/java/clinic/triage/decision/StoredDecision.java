package clinic.triage.decision;

import clinic.events.EventCodec;
import clinic.events.SubmittedBy;
import clinic.events.EventType;
import clinic.events.triage.Disposition;
import clinic.events.triage.TriageDecisionMade;
import clinic.support.security.Actor;
import clinic.support.security.Owner;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.springframework.data.domain.Persistable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The one decision of a report: the full decision as JSON (exactly the published payload) plus the
 * columns worth querying on. The report id is the primary key, so a report can never be decided twice.
 */
@Entity
@Table(name = "triage_decision")
class StoredDecision implements Persistable<UUID> {

    @Id
    @Column(name = "report_id", nullable = false)
    private UUID reportId;

    @Enumerated(EnumType.STRING)
    @Column(name = "disposition", nullable = false, length = 20)
    private Disposition disposition;

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    @Column(name = "ruleset_id", nullable = false, length = 100)
    private String rulesetId;

    @Column(name = "ruleset_version", nullable = false, length = 20)
    private String rulesetVersion;

    @Column(name = "ruleset_hash", nullable = false, length = 64)
    private String rulesetHash;

    /** The ce_id of the symptom report event this decision answers. */
    @Column(name = "source_event_id", nullable = false)
    private UUID sourceEventId;

    @Column(name = "decision_json", nullable = false, columnDefinition = "text")
    private String decisionJson;

    /** PERSON or CLIENT, from the report event's submitter; null when the event named none. */
    @Column(name = "owner_kind", length = 10)
    private String ownerKind;

    /** The submitting client's id; null for a person (events carry no person's id) or an unnamed submitter. */
    @Column(name = "owner_id", length = 200)
    private String ownerId;

    protected StoredDecision() {
    }

    StoredDecision(TriageDecisionMade decision, UUID sourceEventId, byte[] json, Optional<SubmittedBy> submitter) {
        this.reportId = decision.reportId();
        this.disposition = decision.disposition();
        this.decidedAt = decision.decidedAt();
        this.rulesetId = decision.ruleset().id();
        this.rulesetVersion = decision.ruleset().version();
        this.rulesetHash = decision.ruleset().hash();
        this.sourceEventId = sourceEventId;
        this.decisionJson = new String(json, StandardCharsets.UTF_8);
        this.ownerKind = submitter.map(s -> s.kind().name()).orElse(null);
        this.ownerId = submitter.map(SubmittedBy::clientId).orElse(null);
    }

    /**
     * Clinicians read every decision; a client only those of reports it submitted. A person-submitted report
     * names no subject here, so only clinicians read its decision (the patient sees it in intake).
     */
    boolean readableBy(Actor reader) {
        return Owner.mayRead(Owner.stored(ownerKind, ownerId), reader, "CLINICIAN");
    }

    /** The submitter to name on the events derived from this decision. */
    Optional<SubmittedBy> submittedBy() {
        if (ownerKind == null) {
            return Optional.empty();
        }
        return ownerId == null ? Optional.of(SubmittedBy.person()) : SubmittedBy.clientIfPlain(ownerId);
    }

    TriageDecisionMade decision() {
        return EventCodec.readTrusted(EventType.DECISION_MADE, decisionJson.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public UUID getId() {
        return reportId;
    }

    /** Decisions are written once and never updated. */
    @Override
    public boolean isNew() {
        return true;
    }

    Disposition disposition() {
        return disposition;
    }

    Instant decidedAt() {
        return decidedAt;
    }

    String rulesetHash() {
        return rulesetHash;
    }

    UUID sourceEventId() {
        return sourceEventId;
    }
}
