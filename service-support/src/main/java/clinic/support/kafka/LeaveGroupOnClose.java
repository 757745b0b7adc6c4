package clinic.support.kafka;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.Consumer;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;

/**
 * A static member that closes stays in its group until its session times out (Kafka's default for static
 * members), so the partitions of an instance that is shut down for good (a replaced Kubernetes pod, a scale-down)
 * would wait up to 45 s for another consumer. A clean close therefore leaves the group explicitly (KIP-1092's
 * {@link CloseOptions}); only a crash keeps the membership, for the restarted instance to take over. Spring's
 * container calls {@code close()}, which this consumer factory post-processor redirects; everything else passes
 * through unchanged.
 */
final class LeaveGroupOnClose implements InvocationHandler {

    private final Consumer<?, ?> consumer;

    private LeaveGroupOnClose(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    @SuppressWarnings("unchecked")
    static <K, V> Consumer<K, V> wrap(Consumer<K, V> consumer) {
        return (Consumer<K, V>) Proxy.newProxyInstance(LeaveGroupOnClose.class.getClassLoader(),
                new Class<?>[] {Consumer.class}, new LeaveGroupOnClose(consumer));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("close") && (args == null || args.length == 0)) {
            consumer.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP));
            return null;
        }
        if (method.getName().equals("close") && args.length == 1 && args[0] instanceof Duration timeout) {
            consumer.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(timeout));
            return null;
        }
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "LeaveGroupOnClose(" + consumer + ")";
            };
        }
        try {
            return method.invoke(consumer, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
