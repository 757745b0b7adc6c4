package clinic.support.kafka;

import org.springframework.core.env.Environment;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * The name of this service instance in its consumer groups: unique among the instances of a service that run
 * at the same time, and the same when the same instance starts again, so that Kafka hands a restarted instance
 * its partitions at once (static membership) instead of waiting out the killed run's sessions.
 * <p>
 * {@code clinic.kafka.instance-name} when set: the local launcher fixes it, Kubernetes sets the pod name (downward
 * API), compose the container's name. Otherwise the host name and the server port, which tell apart instances on
 * one machine and stay put across restarts; a server without a fixed port (tests) gets a random name, which is
 * never shared and simply gives no head start on restart.
 */
final class InstanceName {

    static final String PROPERTY = "clinic.kafka.instance-name";

    private InstanceName() {
    }

    static String of(Environment environment) {
        String configured = environment.getProperty(PROPERTY, "");
        if (!configured.isBlank()) {
            return sanitised(configured);
        }
        int port = environment.getProperty("server.port", Integer.class, 0);
        String suffix = port > 0 ? String.valueOf(port) : UUID.randomUUID().toString().substring(0, 8);
        return sanitised(hostName(environment) + "-" + suffix);
    }

    /** Kafka accepts letters, digits, '.', '_' and '-' in a group.instance.id, at most 249 characters. */
    static String sanitised(String name) {
        String safe = name.trim().replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.length() > 200 ? safe.substring(0, 200) : safe;
    }

    private static String hostName(Environment environment) {
        String fromEnvironment = environment.getProperty("HOSTNAME", "");
        if (!fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
