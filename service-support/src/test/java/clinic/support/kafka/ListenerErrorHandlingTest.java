package clinic.support.kafka;

import clinic.support.testapp.PlumbingTest;
import clinic.support.testing.TopicReader;
import clinic.events.InvalidEventException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one error handler of a service at work in real listener containers on the embedded broker: containers
 * made by the application's own listener container factory (its error handler, its concurrency), on topics
 * of their own. A test listener fails on demand, by key.
 */
@PlumbingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListenerErrorHandlingTest {

    @Autowired
    ConcurrentKafkaListenerContainerFactory<?, ?> factory;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    KafkaAdmin admin;
    @Autowired
    PartitionBackOff backOff;
    @Autowired
    DeadLetterReason reasons;
    @Autowired
    MeterRegistry registry;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
    final Map<String, ConcurrentMessageListenerContainer<?, ?>> containers = new ConcurrentHashMap<>();
    String topic;

    @BeforeAll
    void startListener() {
        topic = newTopic();
        start(topic, null);
    }

    @AfterAll
    void stopListeners() {
        containers.values().forEach(container -> container.stop());
    }

    @Test
    void aTransientFailureIsRetriedWithBackOffAndTheRecordProcessedExactlyOnce() {
        String key = "flaky-" + UUID.randomUUID();

        send(topic, 0, key);

        await().atMost(Duration.ofSeconds(30)).until(() -> count(processed, key) == 1);
        assertThat(count(attempts, key)).as("failed twice, then succeeded").isEqualTo(3);
        try (TopicReader deadLetters = new TopicReader(brokers, topic + ".dlt")) {
            assertThat(deadLetters.allRecords(key)).isEmpty();
        }
        assertThat(count(processed, key)).isEqualTo(1);
    }

    @Test
    void aPermanentFailureIsDeadLetteredOnTheFirstAttemptWithItsOriginalBytes() {
        String key = "poison-" + UUID.randomUUID();

        byte[] value = send(topic, 1, key);

        ConsumerRecord<String, byte[]> deadLetter;
        try (TopicReader deadLetters = new TopicReader(brokers, topic + ".dlt")) {
            deadLetter = deadLetters.awaitRecord(key);
        }
        assertThat(deadLetter.value()).isEqualTo(value);
        assertThat(header(deadLetter, "clinic-dlt-attempts")).isEqualTo("1");
        assertThat(header(deadLetter, "clinic-dlt-reason")).isEqualTo("UNKNOWN_EVENT_TYPE: test.type.v9");
        assertThat(count(attempts, key)).isEqualTo(1);
        assertThat(count(processed, key)).isZero();
    }

    @Test
    void aRecordThatKeepsFailingIsDeadLetteredAfterItsRetriesNotDropped() {
        String key = "broken-" + UUID.randomUUID();

        send(topic, 2, key);

        ConsumerRecord<String, byte[]> deadLetter;
        try (TopicReader deadLetters = new TopicReader(brokers, topic + ".dlt")) {
            deadLetter = deadLetters.awaitRecord(key);
        }
        assertThat(header(deadLetter, "clinic-dlt-attempts")).as("1 + clinic.kafka.retry.max-retries").isEqualTo("3");
        assertThat(header(deadLetter, "clinic-dlt-reason")).isEqualTo(IllegalStateException.class.getName());
        assertThat(count(attempts, key)).isEqualTo(3);
        assertThat(registry.get("clinic.kafka.dead.letters").tag("topic", topic).counter().count()).isPositive();
    }

    @Test
    void whileOnePartitionBacksOffTheOthersAreProcessedPromptly() {
        // One consumer for all partitions, and a back-off of 5 s: only pausing the failed partition (not
        // sleeping, not pausing the container) lets the other partitions through meanwhile.
        String slowTopic = newTopic();
        start(slowTopic, KafkaErrorHandlingAutoConfiguration.errorHandler(kafka,
                new RetryProperties(2, Duration.ofSeconds(5), 2.0, Duration.ofSeconds(10)), backOff, reasons, registry))
                .setConcurrency(1);
        String stuck = "broken-" + UUID.randomUUID();
        String other = "fine-" + UUID.randomUUID();

        send(slowTopic, 0, stuck);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(attempts, stuck) == 1);
        long sentAt = System.nanoTime();
        send(slowTopic, 1, other);

        await().atMost(Duration.ofMillis(2500)).until(() -> count(processed, other) == 1);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
        LoggerFactory.getLogger(getClass()).info("Other partition processed {} ms after sending, "
                + "while the failed partition backs off for 5000 ms", tookMillis);
        assertThat(count(attempts, stuck)).as("still backing off after %d ms", tookMillis).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> count(attempts, stuck) == 2);
    }

    private ConcurrentMessageListenerContainer<?, ?> start(String name, CommonErrorHandler errorHandler) {
        ConcurrentMessageListenerContainer<?, ?> container = factory.createContainer(name);
        container.getContainerProperties().setGroupId("error-handling-" + UUID.randomUUID());
        container.setupMessageListener((MessageListener<String, byte[]>) this::onRecord);
        if (errorHandler != null) {
            container.setCommonErrorHandler(errorHandler);
        }
        containers.put(name, container);
        return container;
    }

    private void onRecord(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        int attempt = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (key.startsWith("flaky-") && attempt <= 2) {
            throw new IllegalStateException("database briefly unavailable");
        }
        if (key.startsWith("poison-")) {
            throw new InvalidEventException(InvalidEventException.Reason.UNKNOWN_EVENT_TYPE, "test.type.v9");
        }
        if (key.startsWith("broken-")) {
            throw new IllegalStateException("always fails");
        }
        processed.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    private String newTopic() {
        String name = "test.error-handling." + UUID.randomUUID();
        admin.createOrModifyTopics(TopicBuilder.name(name).partitions(3).build(),
                TopicBuilder.name(name + ".dlt").partitions(3).build());
        return name;
    }

    private byte[] send(String name, int partition, String key) {
        ConcurrentMessageListenerContainer<?, ?> container = containers.get(name);
        if (!container.isRunning()) {
            container.start();
            // every consumer holds its share: no rebalance moves a record between consumers mid-test
            await().atMost(Duration.ofSeconds(30)).until(() -> container.getContainers().stream().allMatch(consumer ->
                    consumer.getAssignedPartitions() != null
                            && consumer.getAssignedPartitions().size() == 3 / container.getContainers().size()));
        }
        byte[] value = ("{\"key\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8);
        try {
            kafka.send(new ProducerRecord<>(name, partition, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return value;
    }

    private static int count(Map<String, AtomicInteger> counts, String key) {
        AtomicInteger count = counts.get(key);
        return count == null ? 0 : count.get();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        assertThat(record.headers().lastHeader(name)).as(name).isNotNull();
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
