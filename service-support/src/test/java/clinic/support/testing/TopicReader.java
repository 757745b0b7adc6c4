package clinic.support.testing;

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
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/** Reads a whole topic from the beginning (no consumer group) to find the records of one key. */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        List<TopicPartition> partitions = await().atMost(Duration.ofSeconds(30))
                .until(() -> consumer.partitionsFor(topic, Duration.ofSeconds(5)), infos -> !infos.isEmpty())
                .stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits for the first record with this key. */
    public ConsumerRecord<String, byte[]> awaitRecord(String key) {
        AtomicReference<ConsumerRecord<String, byte[]>> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            seen.stream().filter(record -> key.equals(record.key())).findFirst().ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
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

    /** Every record with this key now on the topic: reads up to the current end of each partition. */
    public List<ConsumerRecord<String, byte[]>> allRecords(String key) {
        return allRecords().stream().filter(record -> key.equals(record.key())).toList();
    }

    /** Every record now on the topic, from offset 0 to the current end of each partition. */
    public List<ConsumerRecord<String, byte[]>> allRecords() {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
        });
        return List.copyOf(seen);
    }

    private List<ConsumerRecord<String, byte[]>> withKey(String key) {
        return seen.stream().filter(record -> key.equals(record.key())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
