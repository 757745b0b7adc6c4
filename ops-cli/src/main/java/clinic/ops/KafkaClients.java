package clinic.ops;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Properties;

/**
 * Kafka clients for the CLI: bytes in, bytes out (a record is copied exactly as it is), no consumer
 * group (the CLI never moves any service's offsets), no topic created by accident. Security settings
 * (SSL, SASL) come from {@code --command-config}, as with Kafka's own tools.
 */
final class KafkaClients {

    private static final String CLIENT_ID = "clinic-ops-cli";

    private final String bootstrapServers;
    private final Properties extra;

    KafkaClients(String bootstrapServers, Properties extra) {
        this.bootstrapServers = bootstrapServers;
        this.extra = extra;
    }

    KafkaConsumer<byte[], byte[]> consumer() {
        Properties config = base();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(config);
    }

    KafkaProducer<byte[], byte[]> producer() {
        Properties config = base();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        return new KafkaProducer<>(config);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    private Properties base() {
        Properties config = new Properties();
        config.putAll(extra);
        config.put("bootstrap.servers", bootstrapServers);
        config.putIfAbsent("client.id", CLIENT_ID);
        return config;
    }
}
