package clinic.support.outbox;

import clinic.events.OutgoingEvent;
import clinic.support.testapp.PlumbingTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PlumbingTest
class OutboxTest {

    @Autowired
    Outbox outbox;

    @Test
    void refusesAnEventOutsideTheTransactionOfTheChangeItAnnounces() {
        OutgoingEvent event = new OutgoingEvent(UUID.randomUUID(), "clinic.symptom-reports.v1", "key",
                "clinic.intake.symptom-report-submitted.v1", "/clinic/intake-service", Instant.now(),
                "urn:clinic:schema:clinic.intake.symptom-report-submitted.v1", "{}".getBytes());

        assertThatThrownBy(() -> outbox.append(event)).isInstanceOf(IllegalTransactionStateException.class);
    }
}
