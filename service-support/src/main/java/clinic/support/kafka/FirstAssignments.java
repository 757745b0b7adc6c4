package clinic.support.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ConsumerStartingEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which listener consumers have been given their partitions since they last started. A consumer that has
 * started but not yet been through its first rebalance is still waiting for its group: after a crash, for
 * instance, until the killed run's members are gone. Readiness ({@link KafkaListenersHealthIndicator}) waits for
 * that first assignment, which may be empty (more consumers than partitions) but has been decided.
 * <p>
 * Spring publishes a consumer's starting event and calls its rebalance listener on the consumer's own thread, so
 * the thread tells which consumer (child container) a rebalance callback belongs to.
 */
class FirstAssignments {

    private final Map<Thread, Object> consumerOnThread = new ConcurrentHashMap<>();
    private final Set<Object> assigned = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    @EventListener
    void on(ConsumerStartingEvent event) {
        assigned.remove(event.getSource());
        consumerOnThread.put(Thread.currentThread(), event.getSource());
    }

    @EventListener
    void on(ConsumerStoppedEvent event) {
        assigned.remove(event.getSource());
        consumerOnThread.values().remove(event.getSource());
    }

    boolean hasBeenAssigned(Object consumer) {
        return assigned.contains(consumer);
    }

    /** Records assignments for readiness and passes every callback on to the container's own listener, if any. */
    ConsumerAwareRebalanceListener recording(ConsumerRebalanceListener own) {
        return new ConsumerAwareRebalanceListener() {

            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                Object container = consumerOnThread.get(Thread.currentThread());
                if (container != null) {
                    assigned.add(container);
                }
                if (own instanceof ConsumerAwareRebalanceListener aware) {
                    aware.onPartitionsAssigned(consumer, partitions);
                } else if (own != null) {
                    own.onPartitionsAssigned(partitions);
                }
            }

            @Override
            public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                if (own instanceof ConsumerAwareRebalanceListener aware) {
                    aware.onPartitionsRevokedBeforeCommit(consumer, partitions);
                }
            }

            @Override
            public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                if (own instanceof ConsumerAwareRebalanceListener aware) {
                    aware.onPartitionsRevokedAfterCommit(consumer, partitions);
                } else if (own != null) {
                    own.onPartitionsRevoked(partitions);
                }
            }

            @Override
            public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                if (own instanceof ConsumerAwareRebalanceListener aware) {
                    aware.onPartitionsLost(consumer, partitions);
                } else if (own != null) {
                    own.onPartitionsLost(partitions);
                }
            }
        };
    }
}
