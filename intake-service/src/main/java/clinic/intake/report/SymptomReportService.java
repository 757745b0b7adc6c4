package clinic.intake.report;

import clinic.events.ClinicTopics;
import clinic.events.OutgoingEvent;
import clinic.events.EventCodec;
import clinic.events.intake.IntakeAnswers;
import clinic.events.intake.SymptomReportSubmitted;
import clinic.events.triage.Disposition;
import clinic.events.triage.SelfCarePlan;
import clinic.intake.email.ConfirmedEmails;
import clinic.intake.email.EmailConfirmationController;
import clinic.intake.idempotency.IdempotencyKeys;
import clinic.intake.idempotency.IdempotentRequest;
import clinic.support.audit.AuditMarks;
import clinic.support.outbox.Outbox;
import clinic.support.security.Actor;
import clinic.support.security.Owner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Accepts reports (report row + outbox row in one transaction) and records their triage outcome. */
@Service
public class SymptomReportService {

    /** What recording a triage decision did to the report. */
    public enum TriageUpdate { APPLIED, ALREADY_TRIAGED, UNKNOWN_REPORT }

    private static final Logger log = LoggerFactory.getLogger(SymptomReportService.class);

    private final SymptomReportRepository reports;
    private final Outbox outbox;
    private final EventCodec codec;
    private final ConfirmedEmails confirmedEmails;
    private final IdempotencyKeys idempotencyKeys;
    private final Clock clock;

    SymptomReportService(SymptomReportRepository reports, Outbox outbox, EventCodec codec,
                         ConfirmedEmails confirmedEmails, IdempotencyKeys idempotencyKeys, Clock clock) {
        this.reports = reports;
        this.outbox = outbox;
        this.codec = codec;
        this.confirmedEmails = confirmedEmails;
        this.idempotencyKeys = idempotencyKeys;
        this.clock = clock;
    }

    /**
     * Stores the report and its {@code symptom-report-submitted} event together: both rows commit or
     * neither does. The event carries the clinical answers only, never the patient's identity; its
     * {@code submittedby} attribute names a submitting client, so triage and notification can apply the same
     * ownership rule. An address the submitter's issuer vouched for ({@code emailVerified}) is remembered as
     * theirs in the same transaction. A submission under an idempotency key claims the key in the same
     * transaction too: of two concurrent requests with one key, only one commits its report and event (the other
     * fails with the key's unique violation and writes nothing).
     */
    @Transactional
    ReportStatusView submit(PatientDetails patient, IntakeAnswers answers, Actor owner, boolean emailVerified,
                            Optional<IdempotentRequest> idempotent) {
        UUID reportId = UUID.randomUUID();
        // Millisecond precision survives every database and the JSON of the event unchanged.
        Instant submittedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // flushed now: the key's row refers to the report, and a losing retry should fail before more work
        SymptomReport report = reports.saveAndFlush(new SymptomReport(reportId, patient, answers, submittedAt, owner));
        idempotent.ifPresent(request -> idempotencyKeys.claim(Owner.of(owner), request, reportId));
        OutgoingEvent event = codec.encode(ClinicTopics.SYMPTOM_REPORTS, reportId,
                new SymptomReportSubmitted(reportId, submittedAt, answers), submittedAt);
        outbox.append(report.submittedBy().map(submitter -> submitter.stamp(event)).orElse(event));
        if (emailVerified) {
            confirmedEmails.remember(Owner.of(owner), patient.email());
        }
        AuditMarks.created(reportId);
        log.info("Accepted symptom report {}", reportId);
        return ReportStatusView.of(report);
    }

    @Transactional(readOnly = true)
    Optional<ReportStatusView> find(UUID reportId, Actor reader) {
        return readable(reportId, reader).map(ReportStatusView::of);
    }

    @Transactional(readOnly = true)
    Optional<ReportPage> page(UUID reportId, Actor reader) {
        return readable(reportId, reader).map(ReportPage::of);
    }

    /** A report as its submitter answered it (read back as FHIR), if this reader may see it. */
    @Transactional(readOnly = true)
    Optional<AnsweredReport> answered(UUID reportId, Actor reader) {
        return readable(reportId, reader).map(report -> new AnsweredReport(reportId, report.submittedAt(),
                report.patient(), report.answers()));
    }

    /**
     * The report if this reader may see it. Someone else's report looks exactly like an unknown one to the
     * caller (empty); only the audit trail learns that it was refused.
     */
    private Optional<SymptomReport> readable(UUID reportId, Actor reader) {
        Optional<SymptomReport> found = reports.findById(reportId);
        if (found.isPresent() && !found.get().readableBy(reader)) {
            AuditMarks.deniedObject();
            return Optional.empty();
        }
        return found;
    }

    /**
     * Where the notification service sends a patient's email, and whether it may carry health details. A clinic
     * integration is trusted for the addresses it sends from its own records; a person's address must be theirs
     * (vouched for by their issuer or confirmed earlier), else a new confirmation link comes with the answer. A
     * report stored before owners were kept has nobody to confirm it: it stays unconfirmed, without a link.
     */
    @Transactional
    Optional<PatientContact> contact(UUID reportId) {
        return contactOf(reportId);
    }

    /** {@link #contact} for several reports in one transaction, in the order given; absent for an unknown id. */
    @Transactional
    Map<UUID, Optional<PatientContact>> contacts(List<UUID> reportIds) {
        Map<UUID, Optional<PatientContact>> contacts = new LinkedHashMap<>();
        reportIds.forEach(id -> contacts.computeIfAbsent(id, this::contactOf));
        return contacts;
    }

    private Optional<PatientContact> contactOf(UUID reportId) {
        return reports.findById(reportId).map(report -> {
            String email = report.patientEmail();
            Optional<Owner> owner = report.owner();
            if (owner.isEmpty()) {
                return new PatientContact(reportId, email, false, null);
            }
            if (owner.get().kind() == Owner.Kind.CLIENT || confirmedEmails.isConfirmed(owner.get(), email)) {
                return new PatientContact(reportId, email, true, null);
            }
            String token = confirmedEmails.issueLink(reportId, owner.get(), email);
            return new PatientContact(reportId, email, false, EmailConfirmationController.path(token));
        });
    }

    /** The signed-in patient's own reports, newest first: at most {@code limit}. */
    @Transactional(readOnly = true)
    List<ReportPage> ownedBy(Actor patient, int limit) {
        return reports.findOwnedBy(patient.id(), PageRequest.of(0, limit)).stream().map(ReportPage::of).toList();
    }

    /** A report as a clinician reviews it: who to call and the answers in plain words. */
    @Transactional(readOnly = true)
    Optional<CaseFile> caseFile(UUID reportId) {
        return reports.findById(reportId).map(report -> new CaseFile(reportId, report.submittedAt(),
                report.patient(), CaseAnswers.of(report.answers())));
    }

    /**
     * Marks a report triaged and keeps the decision's self-care plan (null when it has none); joins the
     * caller's transaction (the consumer's idempotency record), so status and plan commit together.
     */
    @Transactional
    public TriageUpdate recordTriage(UUID reportId, Disposition disposition, Instant decidedAt, SelfCarePlan plan) {
        Optional<SymptomReport> found = reports.findById(reportId);
        if (found.isEmpty()) {
            return TriageUpdate.UNKNOWN_REPORT;
        }
        SymptomReport report = found.get();
        Disposition before = report.disposition();
        if (!report.triaged(disposition, decidedAt.truncatedTo(ChronoUnit.MICROS), plan)) {
            log.warn("Report {} already triaged as {}; a later {} decision does not change it", reportId, before,
                    disposition);
            return TriageUpdate.ALREADY_TRIAGED;
        }
        if (before != null) {
            log.warn("Report {} was triaged as {}; raised to the more urgent {}", reportId, before, disposition);
        } else {
            log.info("Report {} triaged as {}", reportId, disposition);
        }
        return TriageUpdate.APPLIED;
    }
}
