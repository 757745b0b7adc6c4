package clinic.support.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The outbox ({@code clinic.outbox.*}); the same keys in every service that has one.
 *
 * @param relay         the relay that publishes unsent rows
 * @param retention     how long sent rows are kept before they are purged
 * @param purgeInterval how often sent rows older than {@code retention} are purged
 */
@ConfigurationProperties("clinic.outbox")
record OutboxProperties(@DefaultValue Relay relay,
                        @DefaultValue("7d") Duration retention,
                        @DefaultValue("1h") Duration purgeInterval) {

    /**
     * @param enabled      whether this instance publishes the outbox at all
     * @param fixedDelay   pause between two fallback rounds (a commit that appends events wakes the relay at once)
     * @param batchSize    the most rows claimed and sent at once
     * @param sendTimeout  how long a batch waits for the broker's acknowledgements
     * @param claimTimeout how long a claimed batch belongs to this instance; after that (the instance crashed)
     *                     any instance may send it again. Must be longer than a batch can take to send.
     * @param instanceId   names this instance in {@code claimed_by}; the host name when blank. On start-up an
     *                     instance releases the claims its predecessor under the same name left behind.
     */
    record Relay(@DefaultValue("true") boolean enabled,
                 @DefaultValue("100ms") Duration fixedDelay,
                 @DefaultValue("100") int batchSize,
                 @DefaultValue("30s") Duration sendTimeout,
                 @DefaultValue("60s") Duration claimTimeout,
                 @DefaultValue("") String instanceId) {

        Relay {
            if (batchSize < 1) {
                throw new IllegalArgumentException("clinic.outbox.relay.batch-size must be at least 1");
            }
            if (claimTimeout.compareTo(sendTimeout) <= 0) {
                throw new IllegalArgumentException(
                        "clinic.outbox.relay.claim-timeout must be longer than clinic.outbox.relay.send-timeout");
            }
        }

        /** The value written to {@code claimed_by}. */
        String owner() {
            String id = instanceId.isBlank() ? hostName() : instanceId;
            return id.length() > 100 ? id.substring(0, 100) : id;
        }

        private static String hostName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "unknown-host";
            }
        }
    }
}
