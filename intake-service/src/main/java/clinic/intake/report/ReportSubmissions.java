package clinic.intake.report;

import clinic.events.intake.IntakeAnswers;
import clinic.intake.email.VerifiedEmail;
import clinic.intake.idempotency.IdempotencyKey;
import clinic.intake.idempotency.IdempotencyKeyInFlight;
import clinic.intake.idempotency.IdempotencyKeys;
import clinic.intake.idempotency.IdempotentRequest;
import clinic.intake.ratelimit.SubmissionRateLimiter;
import clinic.support.audit.AuditMarks;
import clinic.support.security.Actor;
import clinic.support.security.Owner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Submission with an optional idempotency key, for the API and the form alike. A known key answers with the report
 * it created (before the rate limit is asked, so a retry costs no quota); a new one is claimed in the report's
 * transaction. Of concurrent requests with one key, the first to commit wins; the others wait for it and answer
 * with its report, or with 409 when it has not finished within {@code clinic.intake.idempotency.in-flight-wait}.
 */
@Service
class ReportSubmissions {

    /** The report a submission led to, and whether an earlier request with the same key created it. */
    record Submitted(UUID reportId, boolean replayed) {
    }

    private static final Duration LOOK_AGAIN_AFTER = Duration.ofMillis(25);
    private static final Logger log = LoggerFactory.getLogger(ReportSubmissions.class);

    private final SymptomReportService reports;
    private final IdempotencyKeys keys;
    private final SubmissionRateLimiter rateLimiter;
    private final ReportsReceived received;
    private final RetryTemplate winnerWait;

    ReportSubmissions(SymptomReportService reports, IdempotencyKeys keys, SubmissionRateLimiter rateLimiter,
                      ReportsReceived received,
                      @Value("${clinic.intake.idempotency.in-flight-wait:5s}") Duration inFlightWait) {
        this.reports = reports;
        this.keys = keys;
        this.rateLimiter = rateLimiter;
        this.received = received;
        this.winnerWait = new RetryTemplate(RetryPolicy.builder().includes(WinnerNotCommitted.class)
                .delay(LOOK_AGAIN_AFTER).multiplier(1).maxRetries(Long.MAX_VALUE).timeout(inFlightWait).build());
    }

    /** The key and fingerprint of this submission, if it came with a key. */
    static Optional<IdempotentRequest> keyed(Optional<IdempotencyKey> key, PatientDetails patient,
                                             IntakeAnswers answers) {
        return key.map(given -> new IdempotentRequest(given, SubmissionFingerprint.of(patient, answers)));
    }

    /**
     * A submission through an API (JSON or FHIR) by the current caller: the {@code Idempotency-Key} header values
     * as sent, and the rule that a patient whose issuer vouches for an address gets their advice there and
     * nowhere else.
     *
     * @throws EmailNotVerifiedException when a patient gives another address than the one vouched for
     */
    Submitted submitThroughApi(PatientDetails patient, IntakeAnswers answers, List<String> idempotencyKeyHeaders,
                               ReportsReceived.Channel channel) {
        Actor actor = Actor.current();
        Optional<IdempotentRequest> idempotent = keyed(IdempotencyKey.fromHeader(idempotencyKeyHeaders), patient,
                answers);
        Optional<String> verified = VerifiedEmail.current();
        if (verified.isPresent() && !VerifiedEmail.sameAddress(verified.get(), patient.email())) {
            throw new EmailNotVerifiedException();
        }
        return submit(patient, answers, actor, verified.isPresent(), idempotent, channel);
    }

    /**
     * The report this submission leads to: the one an earlier request with the same key created, or a new one,
     * counted against the caller's submission quota.
     *
     * @throws clinic.intake.idempotency.IdempotencyKeyReused when the key belongs to a different request
     * @throws clinic.intake.ratelimit.SubmissionsRateLimited when a new report would exceed the caller's quota
     */
    Submitted submit(PatientDetails patient, IntakeAnswers answers, Actor owner, boolean emailVerified,
                     Optional<IdempotentRequest> request, ReportsReceived.Channel channel) {
        // a replay is answered before the quota is asked: a retry costs the caller no submission
        Optional<Submitted> earlier = earlier(owner, request);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        rateLimiter.acquire(owner);
        Submitted submitted = store(patient, answers, owner, emailVerified, request);
        if (!submitted.replayed()) {
            received.received(channel);
        }
        return submitted;
    }

    private Optional<Submitted> earlier(Actor owner, Optional<IdempotentRequest> request) {
        Optional<UUID> earlier = request.flatMap(keyed -> keys.earlierReport(Owner.of(owner), keyed));
        earlier.ifPresent(reportId -> {
            AuditMarks.about(reportId);
            log.info("Answered a retried submission with report {}", reportId);
        });
        return earlier.map(reportId -> new Submitted(reportId, true));
    }

    /** Stores a new report, or answers with the one a concurrent request with the same key stored first. */
    private Submitted store(PatientDetails patient, IntakeAnswers answers, Actor owner, boolean emailVerified,
                            Optional<IdempotentRequest> request) {
        try {
            return new Submitted(reports.submit(patient, answers, owner, emailVerified, request).reportId(), false);
        } catch (DuplicateKeyException | PessimisticLockingFailureException lostTheRace) {
            if (request.isEmpty()) {
                throw lostTheRace;
            }
            return awaitWinner(owner, request.get());
        }
    }

    /**
     * PostgreSQL lets the loser's insert wait until the winner commits, so the winner's row is there at once; H2
     * refuses the duplicate while the winner is still committing, so look again a few times until it appears.
     */
    private Submitted awaitWinner(Actor owner, IdempotentRequest request) {
        try {
            return winnerWait.execute(() -> earlier(owner, Optional.of(request)).orElseThrow(WinnerNotCommitted::new));
        } catch (RetryException e) {
            if (e.getCause() instanceof RuntimeException notAboutTheWait
                    && !(notAboutTheWait instanceof WinnerNotCommitted)) {
                throw notAboutTheWait; // e.g. the key turned out to belong to a different request
            }
            throw new IdempotencyKeyInFlight();
        }
    }

    /** The request that claimed the key first has not committed yet. */
    private static final class WinnerNotCommitted extends RuntimeException {
        WinnerNotCommitted() {
            super(null, null, false, false);
        }
    }
}
