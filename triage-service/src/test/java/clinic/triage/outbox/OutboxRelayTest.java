package clinic.triage.outbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Limit;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class OutboxRelayTest {

    private static final Instant NOW = Instant.parse("2026-05-01T08:00:00Z");

    private final OutboxRepository repository = mock(OutboxRepository.class);
    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, byte[]> kafka = mock(KafkaTemplate.class);
    private final OutboxRelay relay = new OutboxRelay(repository, kafka,
            new OutboxProperties(Duration.ofMillis(100), 10, Duration.ofSeconds(1), true),
            Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry());

    @Test
    void marksEventsSentOnlyOnceKafkaAcknowledgedThem() {
        OutboxEvent first = event();
        OutboxEvent second = event();
        when(repository.findBySentAtIsNullOrderByCreatedAtAscIdAsc(any(Limit.class))).thenReturn(List.of(first, second));
        when(kafka.send(any(ProducerRecord.class))).thenReturn(acknowledged());

        assertThat(relay.relayBatch()).isEqualTo(2);

        verify(repository).markSent(List.of(first.getId(), second.getId()), NOW);
    }

    @Test
    void leavesUnacknowledgedEventsUnsentForTheNextRound() {
        OutboxEvent delivered = event();
        OutboxEvent failed = event();
        when(repository.findBySentAtIsNullOrderByCreatedAtAscIdAsc(any(Limit.class)))
                .thenReturn(List.of(delivered, failed));
        when(kafka.send(any(ProducerRecord.class))).thenReturn(acknowledged())
                .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("broker down")));

        assertThat(relay.relayBatch()).isEqualTo(-1);

        verify(repository).markSent(List.of(delivered.getId()), NOW);
        verify(repository, never()).markSent(argThat(ids -> ids.contains(failed.getId())), eq(NOW));
    }

    @Test
    void sendsTheStoredEventWithItsCloudEventHeaders() {
        OutboxEvent event = event();
        when(repository.findBySentAtIsNullOrderByCreatedAtAscIdAsc(any(Limit.class))).thenReturn(List.of(event));
        when(kafka.send(argThat((ProducerRecord<String, byte[]> record) -> record.key().equals("report-1")
                && new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)
                .equals(event.getId().toString())))).thenReturn(acknowledged());

        assertThat(relay.relayBatch()).isEqualTo(1);
    }

    private static OutboxEvent event() {
        return new OutboxEvent(new clinic.events.OutgoingEvent(UUID.randomUUID(), "clinic.triage-decisions.v1",
                "report-1", "clinic.triage.decision-made.v1", "/clinic/triage-service", NOW,
                "urn:clinic:schema:clinic.triage.decision-made.v1", "{}".getBytes(StandardCharsets.UTF_8)), NOW);
    }

    private static CompletableFuture<SendResult<String, byte[]>> acknowledged() {
        return CompletableFuture.completedFuture(null);
    }
}
