package clinic.notification;

import clinic.events.ClinicTopic;
import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.events.OutgoingEvent;
import clinic.events.triage.Disposition;
import clinic.notification.log.NotificationRepository;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static clinic.notification.TestEvents.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@NotificationServiceTest
class DeadLetterTest {

    private static final byte[] RANDOM_BYTES = {(byte) 0xff, 0x00, 0x13, (byte) 0x9c, 0x7f, (byte) 0xfe, 0x42, 0x01};

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    NotificationRepository notifications;

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    static Stream<Arguments> unprocessableRecords() {
        return Stream.of(ClinicTopics.URGENT_REVIEWS, ClinicTopics.TRIAGE_DECISIONS).flatMap(topic -> Stream.of(
                Arguments.of(topic, "random bytes without CloudEvents headers", false, RANDOM_BYTES,
                        "MISSING_HEADER"),
                Arguments.of(topic, "random bytes", true, RANDOM_BYTES, "UNREADABLE_PAYLOAD"),
                Arguments.of(topic, "schema-breaking JSON", true,
                        "{\"reportId\":\"not-a-uuid\",\"disposition\":\"MAYBE\"}".getBytes(StandardCharsets.UTF_8),
                        "SCHEMA_VIOLATION")));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("unprocessableRecords")
    void unprocessableRecordIsDeadLetteredWithAReasonAndLaterRecordsStillFlow(
            ClinicTopic<?> topic, String description, boolean cloudEventHeaders, byte[] value, String reason) {
        UUID reportId = UUID.randomUUID();
        OutgoingEvent good = goodEvent(topic, reportId);
        Headers headers = cloudEventHeaders
                ? EventCodec.toProducerRecord(goodEvent(topic, reportId)).headers() : new RecordHeaders();

        int partition = send(kafka, new ProducerRecord<>(topic.name(), null, reportId.toString(), value, headers))
                .partition();
        assertThat(send(kafka, good).partition()).isEqualTo(partition);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> notifications.findByReportIdOrderByCreatedAtAscIdAsc(reportId).size() == 1);
        ConsumerRecord<String, byte[]> deadLetter = deadLetterOf(topic, reportId.toString());
        assertThat(deadLetter.value()).isEqualTo(value);
        assertThat(header(deadLetter, "clinic-dlt-reason")).startsWith(reason);
        assertThat(deadLetter.headers().lastHeader("kafka_dlt-exception-message")).isNull();
        assertThat(deadLetter.headers().lastHeader("kafka_dlt-exception-stacktrace")).isNull();
        assertThat(header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(topic.name());
    }

    private static OutgoingEvent goodEvent(ClinicTopic<?> topic, UUID reportId) {
        return topic.equals(ClinicTopics.URGENT_REVIEWS)
                ? TestEvents.urgentReview(reportId, Disposition.URGENT_REVIEW)
                : TestEvents.decision(reportId, Disposition.SELF_CARE);
    }

    private ConsumerRecord<String, byte[]> deadLetterOf(ClinicTopic<?> topic, String key) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-check-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, 3)
                    .mapToObj(p -> new TopicPartition(topic.deadLetterTopic(), p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        matching.add(record);
                    }
                });
                return !matching.isEmpty();
            });
            assertThat(matching).hasSize(1);
            return matching.get(0);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
