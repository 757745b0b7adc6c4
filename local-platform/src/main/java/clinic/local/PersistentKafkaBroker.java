package clinic.local;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * A real single-node Kafka (KRaft, combined broker + controller) running in this JVM with its logs
 * in a folder that survives restarts.
 *
 * <p>Why not spring-kafka-test's {@code EmbeddedKafkaKraftBroker}: Kafka's test kit behind it
 * replaces {@code log.dirs} with a fresh temporary folder and a new cluster id on every start, so all
 * topics and committed offsets vanish on restart. The local platform must lose nothing across a
 * restart, so it formats its own folder once (keeping the cluster id) and runs Kafka's own server.
 */
final class PersistentKafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final int port;

    private PersistentKafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static PersistentKafkaBroker start(Path folder, int port, int controllerPort) {
        Path logDir = folder.resolve("logs").toAbsolutePath();
        formatOnce(folder, logDir);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config(logDir, port, controllerPort)),
                Time.SYSTEM);
        server.startup();
        return new PersistentKafkaBroker(server, port);
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    private static Properties config(Path logDir, int port, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // One node: every internal topic can only have one replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("num.partitions", "3");
        // Consumers get their partitions at once instead of after the default 3 s grace period.
        props.put("group.initial.rebalance.delay.ms", "0");
        // After a kill -9 the old registration of this node must expire before it can rejoin; a short
        // session keeps the restart at a few seconds.
        props.put("broker.session.timeout.ms", "2000");
        props.put("broker.heartbeat.interval.ms", "500");
        return props;
    }

    /** Formats the storage only when it has never been formatted; formatting again would wipe the cluster. */
    private static void formatOnce(Path folder, Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            Path clusterIdFile = folder.resolve("cluster.id");
            if (!Files.exists(clusterIdFile)) {
                Files.writeString(clusterIdFile, Uuid.randomUuid().toString(), StandardCharsets.UTF_8);
            }
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(Files.readString(clusterIdFile, StandardCharsets.UTF_8).trim())
                    .setNodeId(NODE_ID)
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not format the Kafka storage in " + logDir, e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
