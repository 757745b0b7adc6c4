package clinic.support.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditOutcomeTest {

    @Test
    void outcomesFollowTheFinalStatusOfAnAuthenticatedCaller() {
        assertThat(AuditOutcome.of(200, false, true)).isEqualTo(AuditOutcome.ALLOWED);
        assertThat(AuditOutcome.of(303, false, true)).isEqualTo(AuditOutcome.ALLOWED);
        assertThat(AuditOutcome.of(400, false, true)).isEqualTo(AuditOutcome.REJECTED);
        assertThat(AuditOutcome.of(401, false, true)).isEqualTo(AuditOutcome.UNAUTHENTICATED);
        assertThat(AuditOutcome.of(403, false, true)).isEqualTo(AuditOutcome.DENIED);
        assertThat(AuditOutcome.of(404, false, true)).isEqualTo(AuditOutcome.NOT_FOUND);
        assertThat(AuditOutcome.of(405, false, true)).isEqualTo(AuditOutcome.REJECTED);
        assertThat(AuditOutcome.of(413, false, true)).isEqualTo(AuditOutcome.REJECTED);
        assertThat(AuditOutcome.of(415, false, true)).isEqualTo(AuditOutcome.REJECTED);
        assertThat(AuditOutcome.of(429, false, true)).isEqualTo(AuditOutcome.REJECTED);
        assertThat(AuditOutcome.of(500, false, true)).isEqualTo(AuditOutcome.FAILED);
        assertThat(AuditOutcome.of(503, false, false)).isEqualTo(AuditOutcome.FAILED);
    }

    @Test
    void anAnswerWithoutAnIdentityIsNoAccess() {
        // a browser page's redirect to the login
        assertThat(AuditOutcome.of(302, false, false)).isEqualTo(AuditOutcome.UNAUTHENTICATED);
        assertThat(AuditOutcome.of(401, false, false)).isEqualTo(AuditOutcome.UNAUTHENTICATED);
        assertThat(AuditOutcome.of(403, false, false)).isEqualTo(AuditOutcome.DENIED);
    }

    @Test
    void anObjectTheControllerRefusedIsDeniedWhateverTheAnswerSaid() {
        assertThat(AuditOutcome.of(404, true, true)).isEqualTo(AuditOutcome.DENIED);
    }
}
