package clinic.ops;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a dead-letter topic without joining a consumer group: everything up to now, or one record. */
final class DeadLetterTopic {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaClients clients;
    private final String topic;

    DeadLetterTopic(KafkaClients clients, String topic) {
        this.clients = clients;
        this.topic = topic;
    }

    /** Every record present when the call starts, by partition and offset. Records arriving meanwhile are left. */
    List<DeadLetter> readAll() {
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<DeadLetter> letters = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        letters.add(new DeadLetter(record));
                    }
                }
            }
            letters.sort(Comparator.comparingInt((DeadLetter d) -> d.record().partition())
                    .thenComparingLong(d -> d.record().offset()));
            return letters;
        }
    }

    /** The record at exactly this partition and offset, if the topic still holds it. */
    Optional<DeadLetter> read(int partition, long offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer()) {
            TopicPartition target = new TopicPartition(topic, partition);
            if (partitions(consumer).stream().noneMatch(target::equals)) {
                throw new NotFoundException(topic + " has no partition " + partition);
            }
            consumer.assign(List.of(target));
            long end = consumer.endOffsets(List.of(target)).get(target);
            if (offset >= end || offset < consumer.beginningOffsets(List.of(target)).get(target)) {
                return Optional.empty();
            }
            consumer.seek(target, offset);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (consumer.position(target) <= offset) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + "-" + partition + "@" + offset);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() == offset) {
                        return Optional.of(new DeadLetter(record));
                    }
                    if (record.offset() > offset) {
                        return Optional.empty(); // compacted away or a transaction marker
                    }
                }
            }
            return Optional.empty();
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new NotFoundException("no topic " + topic + " on " + clients.bootstrapServers());
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    /** The topic, partition or record asked for does not exist; the CLI exits with 1. */
    static final class NotFoundException extends RuntimeException {
        NotFoundException(String message) {
            super(message);
        }
    }
}
