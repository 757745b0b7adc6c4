package clinic.triage.audit;

import clinic.triage.security.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class AuditLogTest {

    @Test
    void aFailedAuditWriteIsSwallowedSoTheAnswerStands() {
        // a real database without the audit table: every insert fails
        JdbcClient broken = JdbcClient.create(new DriverManagerDataSource("jdbc:h2:mem:no-audit-table", "sa", ""));
        AuditLog auditLog = new AuditLog(broken, Clock.systemUTC());

        assertThatCode(() -> auditLog.record(new Actor("dr-x", "CLINICIAN"), AuditFilter.DECISION_READ,
                "5b1f6a52-0000-4000-8000-000000000000", 200)).doesNotThrowAnyException();
    }

    @Test
    void outcomesFollowTheFinalStatus() {
        assertThat(AuditOutcome.of(200)).isEqualTo(AuditOutcome.ALLOWED);
        assertThat(AuditOutcome.of(302)).isEqualTo(AuditOutcome.ALLOWED);
        assertThat(AuditOutcome.of(400)).isEqualTo(AuditOutcome.REJECTED);
        assertThat(AuditOutcome.of(401)).isEqualTo(AuditOutcome.UNAUTHENTICATED);
        assertThat(AuditOutcome.of(403)).isEqualTo(AuditOutcome.DENIED);
        assertThat(AuditOutcome.of(404)).isEqualTo(AuditOutcome.NOT_FOUND);
        assertThat(AuditOutcome.of(413)).isEqualTo(AuditOutcome.REJECTED);
        assertThat(AuditOutcome.of(415)).isEqualTo(AuditOutcome.REJECTED);
        assertThat(AuditOutcome.of(429)).isEqualTo(AuditOutcome.REJECTED);
        assertThat(AuditOutcome.of(500)).isEqualTo(AuditOutcome.FAILED);
        assertThat(AuditOutcome.of(503)).isEqualTo(AuditOutcome.FAILED);
    }
}
