package clinic.support.kafka;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.event.ConsumerStartedEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * {@code kafkaListeners} in the readiness group: DOWN when a {@code @KafkaListener} container has stopped
 * abnormally or one of its consumers has died while the container should be running. A service that can
 * no longer consume must not look ready; a broker outage does not count (consumers keep retrying).
 * <p>
 * Two signals, because neither covers every case: a container stopped abnormally reports
 * {@link MessageListenerContainer#isInExpectedState()} false, and a consumer thread that ended on its own
 * (an authentication failure, a fenced instance, no offset to reset to, an Error) publishes a
 * {@link ConsumerStoppedEvent} with a reason other than NORMAL, which is remembered until that consumer
 * starts again.
 * <p>
 * A running consumer that has not yet been given its partitions ({@link FirstAssignments}) makes it DOWN too
 * ({@code WAITING_FOR_PARTITIONS}): after a crash the group may still hold the killed run's members, and until
 * the broker has decided who consumes what, nobody processes the partitions this instance is to hold. Ready then
 * means "consuming", not merely "started".
 */

class KafkaListenersHealthIndicator implements HealthIndicator {

    private final KafkaListenerEndpointRegistry registry;
    /** Stopped consumers (child containers) by object, with the reason; forgotten when they start again. */
    private final Map<Object, ConsumerStoppedEvent.Reason> stopped = new WeakHashMap<>();

    private final FirstAssignments assignments;

    KafkaListenersHealthIndicator(KafkaListenerEndpointRegistry registry, FirstAssignments assignments) {
        this.registry = registry;
        this.assignments = assignments;
    }

    @EventListener
    void on(ConsumerStoppedEvent event) {
        synchronized (stopped) {
            stopped.put(event.getSource(), event.getReason());
        }
    }

    @EventListener
    void on(ConsumerStartedEvent event) {
        synchronized (stopped) {
            stopped.remove(event.getSource());
        }
    }

    @Override
    public Health health() {
        boolean up = true;
        Map<String, Object> details = new TreeMap<>();
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            String problem = problem(container);
            details.put(String.valueOf(container.getListenerId()), problem == null
                    ? (container.isRunning() ? "RUNNING" : "STOPPED")
                    : problem);
            up &= problem == null;
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }

    /** Why this container cannot consume although it should; null when it is fine. */
    private String problem(MessageListenerContainer container) {
        if (!container.isInExpectedState()) {
            return "STOPPED_ABNORMALLY";
        }
        if (!container.isRunning()) {
            return null; // stopped on purpose, or not started yet (auto-startup off)
        }
        synchronized (stopped) {
            for (Object consumer : consumersOf(container)) {
                ConsumerStoppedEvent.Reason reason = stopped.get(consumer);
                if (reason != null) {
                    return "CONSUMER_STOPPED_" + reason;
                }
            }
        }
        if (container.getContainerProperties().getTopicPartitions() != null) {
            return null; // partitions assigned by hand: no group decides anything
        }
        for (Object consumer : consumersOf(container)) {
            if (consumer instanceof MessageListenerContainer child && child.isRunning()
                    && !assignments.hasBeenAssigned(consumer)) {
                return "WAITING_FOR_PARTITIONS";
            }
        }
        return null;
    }

    private static List<?> consumersOf(MessageListenerContainer container) {
        return container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent
                ? concurrent.getContainers() : List.of(container);
    }
}
