package clinic.notification.reviews;

import clinic.events.review.ReviewedCondition;
import clinic.events.triage.Condition;
import clinic.events.triage.Disposition;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * A decided report as the clinicians review it: the rules' decision (its disposition, top condition and ruleset
 * in columns of their own for the agreement figures, the rest as JSON) and, once closed, the clinician's own
 * judgement. The {@code note} is patient data: it is shown on the case page and nowhere else.
 */
@Entity
@Table(name = "review")
class Review {

    @Id
    @Column(name = "report_id")
    private UUID reportId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "rules_disposition", nullable = false)
    private Disposition rulesDisposition;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "rules_top_condition")
    private Condition rulesTopCondition;

    @Column(name = "ruleset_id", nullable = false)
    private String rulesetId;

    @Column(name = "ruleset_version", nullable = false)
    private String rulesetVersion;

    @Column(nullable = false)
    private String decision;

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    @Column(name = "source_event_id", nullable = false)
    private UUID sourceEventId;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "closed_by")
    private String closedBy;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "clinician_disposition")
    private Disposition clinicianDisposition;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "clinician_condition")
    private ReviewedCondition clinicianCondition;

    @Column(name = "note")
    private String note;

    protected Review() {
    }

    Review(UUID reportId, RecordedDecision decision, String decisionJson, UUID sourceEventId) {
        this.reportId = reportId;
        this.rulesDisposition = decision.disposition();
        this.rulesTopCondition = decision.likelyConditions().isEmpty() ? null
                : decision.likelyConditions().get(0).condition();
        this.rulesetId = decision.ruleset().id();
        this.rulesetVersion = decision.ruleset().version();
        this.decision = decisionJson;
        this.decidedAt = decision.decidedAt();
        this.sourceEventId = sourceEventId;
    }

    /** Records the clinician's judgement; a review closes once, the first closing stands. */
    boolean close(Disposition disposition, ReviewedCondition condition, String note, String clinician, Instant at) {
        if (closedAt != null) {
            return false;
        }
        this.clinicianDisposition = disposition;
        this.clinicianCondition = condition;
        this.note = note;
        this.closedBy = clinician;
        this.closedAt = at;
        return true;
    }

    UUID reportId() {
        return reportId;
    }

    Disposition rulesDisposition() {
        return rulesDisposition;
    }

    Condition rulesTopCondition() {
        return rulesTopCondition;
    }

    String rulesetId() {
        return rulesetId;
    }

    String rulesetVersion() {
        return rulesetVersion;
    }

    String decision() {
        return decision;
    }

    Instant decidedAt() {
        return decidedAt;
    }

    Instant closedAt() {
        return closedAt;
    }

    String closedBy() {
        return closedBy;
    }

    Disposition clinicianDisposition() {
        return clinicianDisposition;
    }

    ReviewedCondition clinicianCondition() {
        return clinicianCondition;
    }

    String note() {
        return note;
    }

    /** Never print the note, not even by accident in a log line. */
    @Override
    public String toString() {
        return "Review[reportId=" + reportId + ", closed=" + (closedAt != null) + ", redacted]";
    }
}
