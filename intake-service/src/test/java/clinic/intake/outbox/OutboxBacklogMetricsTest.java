package clinic.intake.outbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class OutboxBacklogMetricsTest {

    final OutboxRepository repository = mock(OutboxRepository.class);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void reportsTheNumberOfUnsentEvents() {
        when(repository.countBySentAtIsNull()).thenReturn(7L);
        new OutboxBacklogMetrics(repository).bindTo(registry);

        assertThat(registry.get("clinic.outbox.pending").gauge().value()).isEqualTo(7.0);
    }

    @Test
    void reportsUnknownInsteadOfFailingWhenTheDatabaseIsDown() {
        when(repository.countBySentAtIsNull()).thenThrow(new DataAccessResourceFailureException("down"));
        new OutboxBacklogMetrics(repository).bindTo(registry);

        assertThat(registry.get("clinic.outbox.pending").gauge().value()).isNaN();
    }
}
