package clinic.triage.kafka;

import clinic.events.InvalidEventException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterReasonTest {

    @Test
    void quotesTheSafeMessageOfAnInvalidEvent() {
        Exception wrapped = new ListenerExecutionFailedException("listener failed",
                new InvalidEventException(InvalidEventException.Reason.SCHEMA_VIOLATION, "/answers/ageYears maximum"));

        assertThat(DeadLetterReason.of(wrapped)).isEqualTo("SCHEMA_VIOLATION: /answers/ageYears maximum");
    }

    @Test
    void namesOnlyTheClassOfAnyOtherFailure() {
        Exception wrapped = new ListenerExecutionFailedException("listener failed",
                new IllegalStateException("value 'Jane Doe' rejected"));

        assertThat(DeadLetterReason.of(wrapped)).isEqualTo("java.lang.IllegalStateException");
    }
}
