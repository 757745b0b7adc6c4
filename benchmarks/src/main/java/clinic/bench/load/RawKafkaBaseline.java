package clinic.bench.load;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * What the same broker does with the same payloads when nothing but Kafka is involved: a plain producer writes
 * N records to topic 0, {@code relays} plain consumer-producer pairs copy them topic to topic (key, value and
 * CloudEvents headers as they are), and a last consumer counts them. No HTTP, no database, no per-record
 * transaction. Rate = N / (first send to last record counted). Producers use {@code acks=all} like the services;
 * topics are new for every run, with the platform's partition count, and deleted afterwards.
 */
final class RawKafkaBaseline {

    private static final String SOURCE_TOPIC = "clinic.symptom-reports.v1";

    record Result(long records, long counted, double seconds, int relays, int payloadBytes) {
        double rate() {
            return counted / seconds;
        }
    }

    /** A record as the platform wrote it: its value and headers, reused with a fresh key per copy. */
    private record Payload(byte[] value, Headers headers) {
    }

    private final String bootstrap;
    private final int partitions;
    private final String runId = "bench-raw-" + UUID.randomUUID().toString().substring(0, 8);
    private volatile boolean stopping;

    RawKafkaBaseline(String bootstrap, int partitions) {
        this.bootstrap = bootstrap;
        this.partitions = partitions;
    }

    Result run(long records, int relays, byte[] fallbackPayload, Duration timeout) throws InterruptedException {
        List<String> topics = IntStream.rangeClosed(0, relays).mapToObj(i -> runId + "-" + (char) ('a' + i)).toList();
        List<Payload> payloads = realPayloads(fallbackPayload);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList()).all()
                    .get(30, TimeUnit.SECONDS);
            List<Thread> threads = new ArrayList<>();
            CountDownLatch assigned = new CountDownLatch(relays + 1);
            AtomicLong counted = new AtomicLong();
            AtomicLong lastCountedAt = new AtomicLong();
            CountDownLatch allCounted = new CountDownLatch(1);
            for (int i = 0; i < relays; i++) {
                String from = topics.get(i);
                String to = topics.get(i + 1);
                threads.add(start("raw-relay-" + i, () -> relay(from, to, assigned)));
            }
            threads.add(start("raw-count",
                    () -> count(topics.get(relays), records, assigned, counted, lastCountedAt, allCounted)));
            if (!assigned.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the raw baseline's consumers got no partitions within 60 s");
            }
            long started = produce(topics.get(0), records, payloads);
            long remaining = started + timeout.toNanos() - System.nanoTime();
            allCounted.await(Math.max(0, remaining), TimeUnit.NANOSECONDS); // the counter opens it at the last record
            stopping = true;
            for (Thread thread : threads) {
                thread.join(10_000);
            }
            long end = counted.get() >= records ? lastCountedAt.get() : System.nanoTime();
            admin.deleteTopics(topics);
            return new Result(records, counted.get(), (end - started) / 1e9, relays, payloads.get(0).value().length);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("creating the raw baseline's topics failed", e);
        }
    }

    /** Sends the records asynchronously and returns when the first was sent (the producer's start-up is not timed). */
    private long produce(String topic, long records, List<Payload> payloads) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig())) {
            producer.partitionsFor(topic); // fetch the metadata before the clock starts
            long started = System.nanoTime();
            for (long i = 0; i < records; i++) {
                Payload payload = payloads.get((int) (i % payloads.size()));
                byte[] key = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
                producer.send(new ProducerRecord<>(topic, null, key, payload.value(), payload.headers()));
            }
            producer.flush();
            return started;
        }
    }

    private void relay(String from, String to, CountDownLatch assigned) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(runId + "-relay-" + from));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig())) {
            consumer.subscribe(List.of(from));
            awaitAssignment(consumer, assigned);
            while (!stopping) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    producer.send(new ProducerRecord<>(to, null, r.key(), r.value(), r.headers()));
                }
            }
        }
    }

    private void count(String topic, long expected, CountDownLatch assigned, AtomicLong counted,
                       AtomicLong lastCountedAt, CountDownLatch allCounted) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(runId + "-count"))) {
            consumer.subscribe(List.of(topic));
            awaitAssignment(consumer, assigned);
            while (!stopping) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                if (!batch.isEmpty()) {
                    long total = counted.addAndGet(batch.count());
                    lastCountedAt.set(System.nanoTime());
                    if (total >= expected) {
                        allCounted.countDown();
                    }
                }
            }
        }
    }

    /** Timing starts only once every consumer holds its partitions, so a group's first rebalance is not measured. */
    private void awaitAssignment(KafkaConsumer<byte[], byte[]> consumer, CountDownLatch assigned) {
        while (consumer.assignment().size() < partitions && !stopping) {
            consumer.poll(Duration.ofMillis(100)); // nothing is produced yet, so nothing is skipped
        }
        assigned.countDown();
    }

    /** Up to 50 symptom-report events the platform itself published, else the given body without headers. */
    private List<Payload> realPayloads(byte[] fallback) {
        List<Payload> payloads = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(runId + "-sample"))) {
            List<TopicPartition> parts = consumer.partitionsFor(SOURCE_TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (payloads.size() < 50 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (payloads.size() < 50) {
                        payloads.add(new Payload(r.value(), r.headers()));
                    }
                }
            }
        } catch (RuntimeException e) {
            // no events to copy: fall back below
        }
        if (payloads.isEmpty()) {
            payloads.add(new Payload(fallback, new RecordHeaders()));
        }
        return payloads;
    }

    private Properties producerConfig() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private Properties consumerConfig(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
