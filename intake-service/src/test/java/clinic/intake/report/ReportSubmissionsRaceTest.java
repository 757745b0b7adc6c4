package clinic.intake.report;

import clinic.events.intake.IntakeAnswers;
import clinic.intake.idempotency.IdempotencyKey;
import clinic.intake.idempotency.IdempotencyKeyInFlight;
import clinic.intake.idempotency.IdempotencyKeys;
import clinic.intake.idempotency.IdempotentRequest;
import clinic.intake.ratelimit.SubmissionRateLimiter;
import clinic.support.security.Actor;
import clinic.support.security.Owner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DuplicateKeyException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The loser of a race for one key when the winner is not yet visible: a case real concurrent requests reach only
 * by chance (both databases make the loser wait for the winner's commit; IdempotentSubmissionTest and
 * PostgresProfileTest race real requests), so the two services are stand-ins here.
 */
class ReportSubmissionsRaceTest {

    private static final Actor PATIENT = new Actor("patient-race", "PATIENT");
    private static final PatientDetails DETAILS = new PatientDetails("P-1", "Name", "name@example.org", null);
    private static final ReportsReceived RECEIVED = new ReportsReceived(new SimpleMeterRegistry());

    private final SymptomReportService reports = mock(SymptomReportService.class);
    private final IdempotencyKeys keys = mock(IdempotencyKeys.class);
    private final SubmissionRateLimiter rateLimiter = mock(SubmissionRateLimiter.class);
    private final Optional<IdempotentRequest> keyed = Optional.of(new IdempotentRequest(
            IdempotencyKey.fromHeader(List.of("\"race\"")).orElseThrow(), "f".repeat(64)));

    @Test
    void aLoserWhoseWinnerAppearsWhileItWaitsAnswersWithTheWinnersReport() {
        UUID winner = UUID.randomUUID();
        when(reports.submit(any(), any(), any(), any(Boolean.class), any())).thenThrow(new DuplicateKeyException("pk"));
        when(keys.earlierReport(any(Owner.class), any())).thenReturn(Optional.empty(), Optional.empty(),
                Optional.of(winner));

        var submitted = new ReportSubmissions(reports, keys, rateLimiter, RECEIVED, Duration.ofSeconds(5))
                .submit(DETAILS, (IntakeAnswers) null, PATIENT, false, keyed, ReportsReceived.Channel.API);

        assertThat(submitted).isEqualTo(new ReportSubmissions.Submitted(winner, true));
    }

    @Test
    void aLoserWhoseWinnerDoesNotFinishInTimeGets409() {
        when(reports.submit(any(), any(), any(), any(Boolean.class), any()))
                .thenThrow(new CannotAcquireLockException("lock timeout"));
        when(keys.earlierReport(any(Owner.class), any())).thenReturn(Optional.empty());

        assertThatThrownBy(() -> new ReportSubmissions(reports, keys, rateLimiter, RECEIVED, Duration.ofMillis(200))
                .submit(DETAILS, null, PATIENT, false, keyed, ReportsReceived.Channel.API)).isInstanceOf(IdempotencyKeyInFlight.class);
    }

    @Test
    void withoutAKeyADatabaseFailureIsNotMistakenForARace() {
        DuplicateKeyException failure = new DuplicateKeyException("something else");
        when(reports.submit(any(), any(), any(), any(Boolean.class), any())).thenThrow(failure);

        assertThatThrownBy(() -> new ReportSubmissions(reports, keys, rateLimiter, RECEIVED, Duration.ofMillis(200))
                .submit(DETAILS, null, PATIENT, false, Optional.empty(), ReportsReceived.Channel.API)).isSameAs(failure);
    }
}
