package clinic.support.kafka;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.mock.env.MockEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StaticMembershipTest {

    final FirstAssignments assignments = new FirstAssignments();

    @Test
    void eachListenerOfAnInstanceJoinsUnderItsOwnStableInstanceId() {
        StaticMembership membership = new StaticMembership("notification-7d9f-abcde", assignments);
        ConcurrentMessageListenerContainer<Object, Object> alerts = container("notification-urgent-reviews");
        ConcurrentMessageListenerContainer<Object, Object> decisions = container("notification-triage-decisions");

        membership.configure(alerts);
        membership.configure(decisions);

        // Spring appends -0, -1, ... per consumer of a container with concurrency above one
        assertThat(instanceId(alerts)).isEqualTo("notification-7d9f-abcde.notification-urgent-reviews");
        assertThat(instanceId(decisions)).isEqualTo("notification-7d9f-abcde.notification-triage-decisions");
        assertThat(alerts.getContainerProperties().getConsumerRebalanceListener())
                .isInstanceOf(ConsumerAwareRebalanceListener.class);
    }

    @Test
    void dynamicMembershipWhenTurnedOffOrWithoutAListenerId() {
        ConcurrentMessageListenerContainer<Object, Object> unnamed = container(null);
        ConcurrentMessageListenerContainer<Object, Object> named = container("triage-symptom-reports");

        new StaticMembership("local", assignments).configure(unnamed);
        new StaticMembership(null, assignments).configure(named);

        assertThat(instanceId(unnamed)).isNull();
        assertThat(instanceId(named)).isNull();
        assertThat(named.getContainerProperties().getConsumerRebalanceListener()).as("readiness still records")
                .isNotNull();
    }

    @Test
    void theInstanceNameIsTheConfiguredOneOrHostAndPort() {
        assertThat(InstanceName.of(new MockEnvironment().withProperty("clinic.kafka.instance-name", "intake-0")))
                .isEqualTo("intake-0");
        assertThat(InstanceName.of(new MockEnvironment().withProperty("HOSTNAME", "node-a")
                .withProperty("server.port", "8082"))).isEqualTo("node-a-8082");
        assertThat(InstanceName.of(new MockEnvironment().withProperty("clinic.kafka.instance-name", "pod/ä b")))
                .isEqualTo("pod___b");
    }

    @Test
    void anInstanceWithoutAFixedPortNeverSharesItsName() {
        MockEnvironment randomPort = new MockEnvironment().withProperty("HOSTNAME", "node-a")
                .withProperty("server.port", "0");

        assertThat(InstanceName.of(randomPort)).startsWith("node-a-").isNotEqualTo(InstanceName.of(randomPort));
    }

    private static ConcurrentMessageListenerContainer<Object, Object> container(String listenerId) {
        ConcurrentMessageListenerContainer<Object, Object> container = new ConcurrentMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(Map.of()), new ContainerProperties("clinic.urgent-reviews.v1"));
        if (listenerId != null) {
            container.setBeanName(listenerId);
        }
        container.setConcurrency(3);
        return container;
    }

    private static String instanceId(ConcurrentMessageListenerContainer<?, ?> container) {
        return container.getContainerProperties().getKafkaConsumerProperties().getProperty("group.instance.id");
    }
}
