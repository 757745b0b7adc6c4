package clinic.support.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.event.ConsumerStartedEvent;
import org.springframework.kafka.event.ConsumerStartingEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class KafkaListenersHealthIndicatorTest {

    final KafkaListenerEndpointRegistry registry = mock(KafkaListenerEndpointRegistry.class);
    @SuppressWarnings("unchecked")
    final ConcurrentMessageListenerContainer<String, byte[]> container = mock(ConcurrentMessageListenerContainer.class);
    @SuppressWarnings("unchecked")
    final KafkaMessageListenerContainer<String, byte[]> consumer = mock(KafkaMessageListenerContainer.class);
    final FirstAssignments assignments = new FirstAssignments();
    final KafkaListenersHealthIndicator indicator = new KafkaListenersHealthIndicator(registry, assignments);

    KafkaListenersHealthIndicatorTest() {
        when(container.getContainerProperties()).thenReturn(new ContainerProperties("clinic.triage-decisions.v1"));
        when(consumer.isRunning()).thenReturn(true);
        when(registry.getListenerContainers()).thenReturn(List.<MessageListenerContainer>of(container));
        when(container.getListenerId()).thenReturn("intake-triage-decisions");
        when(container.getContainers()).thenReturn(List.of(consumer));
        when(container.isRunning()).thenReturn(true);
        when(container.isInExpectedState()).thenReturn(true);
    }

    /** The consumer starts on its thread and the group gives it partitions (Spring calls both on that thread). */
    private void consumerStartsAndIsAssigned(Collection<TopicPartition> partitions) {
        assignments.on(new ConsumerStartingEvent(consumer, container));
        assignments.recording(null).onPartitionsAssigned(mock(Consumer.class), partitions);
    }

    @Test
    void isUpWhileEveryContainerRuns() {
        consumerStartsAndIsAssigned(List.of(new TopicPartition("clinic.triage-decisions.v1", 0)));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("intake-triage-decisions", "RUNNING");
    }

    @Test
    void isDownWhileARunningConsumerWaitsForItsFirstAssignment() {
        assignments.on(new ConsumerStartingEvent(consumer, container));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("intake-triage-decisions", "WAITING_FOR_PARTITIONS");
    }

    @Test
    void anEmptyFirstAssignmentCountsTheGroupHasDecided() {
        consumerStartsAndIsAssigned(List.of());

        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aRestartedConsumerWaitsForItsAssignmentAgain() {
        consumerStartsAndIsAssigned(List.of(new TopicPartition("clinic.triage-decisions.v1", 0)));
        indicator.on(new ConsumerStoppedEvent(consumer, container, ConsumerStoppedEvent.Reason.NORMAL));
        assignments.on(new ConsumerStoppedEvent(consumer, container, ConsumerStoppedEvent.Reason.NORMAL));

        assignments.on(new ConsumerStartingEvent(consumer, container));
        indicator.on(new ConsumerStartedEvent(consumer, container));

        assertThat(indicator.health().getDetails()).containsEntry("intake-triage-decisions", "WAITING_FOR_PARTITIONS");
    }

    @Test
    void isDownWhenAContainerStoppedAbnormally() {
        when(container.isRunning()).thenReturn(false);
        when(container.isInExpectedState()).thenReturn(false);

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("intake-triage-decisions", "STOPPED_ABNORMALLY");
    }

    @Test
    void isDownWhenAConsumerOfARunningContainerStoppedUntilItStartsAgain() {
        consumerStartsAndIsAssigned(List.of(new TopicPartition("clinic.triage-decisions.v1", 0)));
        indicator.on(new ConsumerStoppedEvent(consumer, container, ConsumerStoppedEvent.Reason.AUTH));

        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(indicator.health().getDetails()).containsEntry("intake-triage-decisions", "CONSUMER_STOPPED_AUTH");

        indicator.on(new ConsumerStartedEvent(consumer, container));
        consumerStartsAndIsAssigned(List.of(new TopicPartition("clinic.triage-decisions.v1", 0)));

        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aContainerStoppedOnPurposeIsNotAFailure() {
        when(container.isRunning()).thenReturn(false);
        indicator.on(new ConsumerStoppedEvent(consumer, container, ConsumerStoppedEvent.Reason.NORMAL));

        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(indicator.health().getDetails()).containsEntry("intake-triage-decisions", "STOPPED");
    }
}
