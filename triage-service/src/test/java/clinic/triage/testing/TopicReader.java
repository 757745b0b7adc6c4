package clinic.triage.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.awaitility.Awaitility.await;

/** Reads a whole topic from the beginning, without a consumer group, and collects what it finds. */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits until at least {@code count} records with this key have arrived, and returns them all. */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(String key, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return withKey(key).size() >= count;
        });
        return withKey(key);
    }

    /** Polls a little longer and returns every record with this key seen so far. */
    public List<ConsumerRecord<String, byte[]>> drain(String key) {
        consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
        return withKey(key);
    }

    /** Every record now on the topic, from offset 0 to the current end of each partition. */
    public List<ConsumerRecord<String, byte[]>> everything() {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
        });
        return List.copyOf(seen);
    }

    private List<ConsumerRecord<String, byte[]>> withKey(String key) {
        return seen.stream().filter(r -> Objects.equals(r.key(), key)).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
