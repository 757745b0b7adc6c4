package clinic.intake.kafka;

import clinic.events.InvalidEventException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import static org.assertj.core.api.Assertions.assertThat;

/** The dead-letter reason header names the problem but never repeats data from the failed record. */
class DeadLetterConfigTest {

    @Test
    void usesTheSafeMessageOfAnInvalidEvent() {
        Exception failure = new ListenerExecutionFailedException("listener failed",
                new InvalidEventException(InvalidEventException.Reason.SCHEMA_VIOLATION, "/painScore maximum"));

        assertThat(DeadLetterConfig.reason(failure)).isEqualTo("SCHEMA_VIOLATION: /painScore maximum");
    }

    @Test
    void usesOnlyTheClassNameOfAnyOtherFailure() {
        Exception failure = new ListenerExecutionFailedException("listener failed",
                new DataIntegrityViolationException("value 'Henrietta Quillfeather' too long"));

        assertThat(DeadLetterConfig.reason(failure))
                .isEqualTo("org.springframework.dao.DataIntegrityViolationException");
    }
}
