package clinic.support.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * Applied by Boot to every listener container a service's factory makes. Two things:
 * <ul>
 * <li>Static group membership: each consumer joins with {@code group.instance.id = <instance name>.<listener id>};
 * Spring appends {@code -0}, {@code -1}, ... for the consumers of a container with concurrency above one. The
 * listener id keeps two containers of one group apart (notification has two); the {@link InstanceName} keeps
 * instances apart and is the same when an instance starts again. A restarted instance therefore takes over its
 * killed predecessor's membership and partitions at once, instead of waiting for its session to time out
 * (45 s by default), during which those partitions would be consumed by nobody. If two live instances ever shared
 * a name, the broker fences the older one: its consumer stops ({@code FencedInstanceIdException}) and
 * {@code kafkaListeners} turns DOWN, so the mistake shows in readiness instead of going unnoticed.
 * <li>Each consumer's first assignment is recorded ({@link FirstAssignments}) for readiness.
 * </ul>
 * A container without an id of its own (made by hand, or a {@code @KafkaListener} without {@code id}) keeps
 * dynamic membership: it has no stable name to offer.
 */
class StaticMembership implements ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> {

    private final String instanceName;
    private final FirstAssignments assignments;

    /** @param instanceName null for dynamic membership ({@code clinic.kafka.static-membership=false}) */
    StaticMembership(String instanceName, FirstAssignments assignments) {
        this.instanceName = instanceName;
        this.assignments = assignments;
    }

    @Override
    public void configure(ConcurrentMessageListenerContainer<Object, Object> container) {
        ContainerProperties properties = container.getContainerProperties();
        properties.setConsumerRebalanceListener(assignments.recording(properties.getConsumerRebalanceListener()));
        String listenerId = container.getListenerId();
        if (instanceName != null && isGivenByTheService(listenerId)
                && !properties.getKafkaConsumerProperties().containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)) {
            properties.getKafkaConsumerProperties().setProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                    groupInstanceId(instanceName, listenerId));
        }
    }

    /** Spring's stand-ins when a container has no id of its own: a default, or a number that follows bean order. */
    private static boolean isGivenByTheService(String listenerId) {
        return listenerId != null && !listenerId.equals("noBeanNameSet")
                && !listenerId.startsWith("org.springframework.kafka.KafkaListenerEndpointContainer#");
    }

    static String groupInstanceId(String instanceName, String listenerId) {
        return InstanceName.sanitised(instanceName + "." + listenerId);
    }
}
