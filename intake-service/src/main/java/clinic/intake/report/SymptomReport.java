package clinic.intake.report;

import clinic.events.intake.IntakeAnswers;
import clinic.events.triage.Disposition;
import clinic.events.triage.SelfCarePlan;
import clinic.events.SubmittedBy;
import clinic.support.security.Actor;
import clinic.support.security.Owner;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A submitted heel-pain report. The patient's identity has columns of its own and stays in this
 * service; the clinical answers are kept as JSON text, exactly as they were sent to triage.
 */
@Entity
@Table(name = "symptom_report")
class SymptomReport implements Persistable<UUID> {

    @Id
    private UUID id;

    @Column(name = "patient_external_id", nullable = false, length = 64)
    private String patientExternalId;

    @Column(name = "patient_name", nullable = false, length = 200)
    private String patientName;

    @Column(name = "patient_email", nullable = false, length = 254)
    private String patientEmail;

    /** E.164, for a clinician's same-day call; null when the patient gave none. */
    @Column(name = "patient_phone", length = 16)
    private String patientPhone;

    @Convert(converter = IntakeAnswersJson.class)
    @Column(name = "answers", nullable = false, length = 4000)
    private IntakeAnswers answers;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "status", nullable = false, length = 16)
    private ReportStatus status;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "disposition", length = 32)
    private Disposition disposition;

    @Column(name = "submitted_at", nullable = false)
    private Instant submittedAt;

    @Column(name = "triaged_at")
    private Instant triagedAt;

    /** The submitting actor; null for reports stored before owners were recorded. Never leaves this service. */
    @Column(name = "owner_subject", length = 200)
    private String ownerSubject;

    /** PERSON or CLIENT: the namespace of {@link #ownerSubject}; null for reports stored before it was kept. */
    @Column(name = "owner_kind", length = 10)
    private String ownerKind;

    @Convert(converter = SelfCarePlanJson.class)
    @Column(name = "self_care_plan", columnDefinition = "text")
    private SelfCarePlan selfCarePlan;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Transient
    private boolean isNew;

    protected SymptomReport() {
    }

    SymptomReport(UUID id, PatientDetails patient, IntakeAnswers answers, Instant submittedAt, Actor owner) {
        this.id = id;
        this.ownerSubject = owner.id();
        this.ownerKind = Owner.of(owner).kind().name();
        this.patientExternalId = patient.externalId();
        this.patientName = patient.name();
        this.patientEmail = patient.email();
        this.patientPhone = patient.phone();
        this.answers = answers;
        this.status = ReportStatus.RECEIVED;
        this.submittedAt = submittedAt;
        this.isNew = true;
    }

    /**
     * Records the triage outcome. Triage makes one decision per report, so normally this runs once;
     * should a different decision still arrive, the more urgent one wins (never under-triage), and a
     * less urgent one never overwrites it. The plan belongs to the decision in effect: a more urgent
     * decision replaces it (an EMERGENCY carries none, so an earlier self-care plan is no longer shown).
     *
     * @param plan the decision's self-care plan or interim advice; null when it has none
     * @return whether this call changed the report
     */
    boolean triaged(Disposition outcome, Instant decidedAt, SelfCarePlan plan) {
        if (status == ReportStatus.TRIAGED && !outcome.isMoreUrgentThan(disposition)) {
            return false;
        }
        this.status = ReportStatus.TRIAGED;
        this.disposition = outcome;
        this.triagedAt = decidedAt;
        this.selfCarePlan = plan;
        return true;
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void markNotNew() {
        this.isNew = false;
    }

    UUID id() {
        return id;
    }

    ReportStatus status() {
        return status;
    }

    Disposition disposition() {
        return disposition;
    }

    Instant submittedAt() {
        return submittedAt;
    }

    SelfCarePlan selfCarePlan() {
        return selfCarePlan;
    }

    /**
     * Whether this reader may see the report: clinicians any, everyone else only their own ({@link Owner}).
     * A report stored before owners were recorded is for clinicians only; one stored before the owner's kind
     * was recorded is matched on the id alone, as it was when written.
     */
    boolean readableBy(Actor reader) {
        String kind = ownerKind != null ? ownerKind : Owner.of(reader).kind().name();
        return Owner.mayRead(Owner.stored(kind, ownerSubject), reader, "CLINICIAN");
    }

    /**
     * The submitter as the report's events name it: a client by its id, a person without one. Empty for a
     * client id the attribute cannot carry: its events then name nobody, and only clinicians read the decision.
     */
    Optional<SubmittedBy> submittedBy() {
        if (!Owner.Kind.CLIENT.name().equals(ownerKind)) {
            return Optional.of(SubmittedBy.person());
        }
        return SubmittedBy.clientIfPlain(ownerSubject);
    }

    /** Who submitted the report; empty for a report stored before the owner's kind was kept. */
    Optional<Owner> owner() {
        return Optional.ofNullable(Owner.stored(ownerKind, ownerSubject));
    }

    /** The address the patient gave, for the notification service's lookup only. */
    String patientEmail() {
        return patientEmail;
    }

    /** Who to contact, for a clinician's case file only. */
    CaseFile.Patient patient() {
        return new CaseFile.Patient(patientExternalId, patientName, patientEmail, patientPhone);
    }

    IntakeAnswers answers() {
        return answers;
    }
}
