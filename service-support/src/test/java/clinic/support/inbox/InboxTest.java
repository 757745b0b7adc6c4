package clinic.support.inbox;

import clinic.support.testapp.PlumbingTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PlumbingTest
class InboxTest {

    @Autowired
    Inbox inbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anEventIsFirstDeliveredOncePerConsumer() {
        UUID eventId = UUID.randomUUID();

        assertThat(firstDelivery("triage", eventId)).isTrue();
        assertThat(firstDelivery("triage", eventId)).as("a redelivery").isFalse();
        assertThat(firstDelivery("notification", eventId)).as("another consumer has its own record").isTrue();
    }

    @Test
    void aHandlerThatFailsLeavesNoRecordSoTheRedeliveryIsProcessed() {
        UUID eventId = UUID.randomUUID();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            inbox.firstDelivery("triage", eventId);
            throw new IllegalStateException("the handler's work failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(jdbc.queryForObject("select count(*) from processed_message where event_id = ?", Long.class,
                eventId)).isZero();
        assertThat(firstDelivery("triage", eventId)).isTrue();
    }

    @Test
    void refusesToRecordOutsideTheHandlersTransaction() {
        assertThatThrownBy(() -> inbox.firstDelivery("triage", UUID.randomUUID()))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    private boolean firstDelivery(String consumer, UUID eventId) {
        return Boolean.TRUE.equals(transactions.execute(status -> inbox.firstDelivery(consumer, eventId)));
    }
}
