package clinic.support.kafka;

import clinic.events.InvalidEventException;
import clinic.support.inbox.Inbox;
import clinic.support.testapp.PlumbingTest;
import clinic.support.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link RecordBatches} under the service's real error handler, on the embedded broker: a batch listener keeps
 * what a record listener guarantees. Every test sends its records before the container starts, so they arrive in
 * one poll, with the failing record in the middle. "Committed" counts a record only once its transaction commits.
 */
@PlumbingTest
class RecordBatchesTest {

    @Autowired
    ConcurrentKafkaListenerContainerFactory<?, ?> factory;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    KafkaAdmin admin;
    @Autowired
    RecordBatches batches;
    @Autowired
    Inbox inbox;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final List<String> committed = new CopyOnWriteArrayList<>();
    final List<String> repeats = new CopyOnWriteArrayList<>();
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    ConcurrentMessageListenerContainer<?, ?> container;

    @AfterEach
    void stop() {
        if (container != null) {
            container.stop();
        }
    }

    @Test
    void aPermanentFailureInTheMiddleIsDeadLetteredAloneAndTheOthersCommitOnceInOrder() {
        String topic = newTopic();
        List<String> keys = List.of(key("ok"), key("ok"), key("poison"), key("ok"), key("ok"));
        byte[] poison = sendAll(topic, keys).get(2);

        start(topic);

        await().atMost(Duration.ofSeconds(30)).until(() -> committed.containsAll(oks(keys)));
        assertThat(committed).as("each committed once, in the order polled").containsExactlyElementsOf(oks(keys));
        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(topic, keys.get(2));
        assertThat(deadLetter.value()).isEqualTo(poison);
        assertThat(header(deadLetter, "clinic-dlt-attempts")).isEqualTo("1");
        assertThat(header(deadLetter, "clinic-dlt-reason")).isEqualTo("UNKNOWN_EVENT_TYPE: test.type.v9");
        assertThat(batchSizes.get(0)).as("the records came in one poll").isEqualTo(keys.size());
    }

    @Test
    void aTransientFailureIsRetriedAndEveryRecordCommitsExactlyOnce() {
        String topic = newTopic();
        List<String> keys = List.of(key("ok"), key("flaky"), key("ok"), key("ok"));
        sendAll(topic, keys);

        start(topic);

        await().atMost(Duration.ofSeconds(30)).until(() -> committed.size() == keys.size());
        assertThat(committed).containsExactlyElementsOf(keys);
        try (TopicReader deadLetters = new TopicReader(brokers, topic + ".dlt")) {
            assertThat(deadLetters.allRecords(keys.get(1))).isEmpty();
        }
    }

    @Test
    void aRecordThatKeepsFailingIsDeadLetteredAfterItsRetriesWithItsOwnReason() {
        String topic = newTopic();
        List<String> keys = List.of(key("ok"), key("broken"), key("ok"));
        sendAll(topic, keys);

        start(topic);

        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(topic, keys.get(1));
        assertThat(header(deadLetter, "clinic-dlt-attempts")).as("1 + clinic.kafka.retry.max-retries").isEqualTo("3");
        assertThat(header(deadLetter, "clinic-dlt-reason")).isEqualTo(IllegalStateException.class.getName());
        await().atMost(Duration.ofSeconds(30)).until(() -> committed.size() == 2);
        assertThat(committed).containsExactly(keys.get(0), keys.get(2));
    }

    @Test
    void aRepeatWithinOneBatchIsRecognisedByTheInbox() {
        String topic = newTopic();
        String twice = key("ok");
        List<String> keys = List.of(twice, key("ok"), twice);
        sendAll(topic, keys);

        start(topic);

        await().atMost(Duration.ofSeconds(30)).until(() -> committed.size() == 2 && repeats.size() == 1);
        assertThat(committed).containsExactly(twice, keys.get(1));
        assertThat(repeats).containsExactly(twice);
    }

    private void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        batchSizes.add(records.size());
        batches.inOneTransaction(records, this::onRecord);
    }

    private void onRecord(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        int call = calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (!inbox.firstDelivery("record-batches-test", UUID.fromString(key.substring(key.indexOf(':') + 1)))) {
            afterCommit(() -> repeats.add(key));
            return;
        }
        if (key.startsWith("flaky") && call <= 2) {
            throw new IllegalStateException("database briefly unavailable");
        }
        if (key.startsWith("poison")) {
            throw new InvalidEventException(InvalidEventException.Reason.UNKNOWN_EVENT_TYPE, "test.type.v9");
        }
        if (key.startsWith("broken")) {
            throw new IllegalStateException("always fails");
        }
        afterCommit(() -> committed.add(key));
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    private void start(String topic) {
        container = factory.createContainer(topic);
        container.getContainerProperties().setGroupId("record-batches-" + UUID.randomUUID());
        container.setConcurrency(1);
        container.setupMessageListener((BatchMessageListener<String, byte[]>) this::onBatch);
        container.start();
    }

    private String newTopic() {
        String name = "test.record-batches." + UUID.randomUUID();
        admin.createOrModifyTopics(TopicBuilder.name(name).partitions(1).build(),
                TopicBuilder.name(name + ".dlt").partitions(1).build());
        return name;
    }

    private List<byte[]> sendAll(String topic, List<String> keys) {
        List<byte[]> values = keys.stream().map(key -> ("{\"key\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8))
                .toList();
        try {
            for (int i = 0; i < keys.size(); i++) {
                kafka.send(new ProducerRecord<>(topic, 0, keys.get(i), values.get(i))).get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(String topic, String key) {
        try (TopicReader deadLetters = new TopicReader(brokers, topic + ".dlt")) {
            return deadLetters.awaitRecord(key);
        }
    }

    private static List<String> oks(List<String> keys) {
        return keys.stream().filter(key -> key.startsWith("ok")).toList();
    }

    private static String key(String kind) {
        return kind + ":" + UUID.randomUUID();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        assertThat(record.headers().lastHeader(name)).as(name).isNotNull();
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
