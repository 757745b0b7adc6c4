package clinic.ops;

import clinic.events.InvalidEventException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI against a real (embedded KRaft) broker, on dead letters written by Spring Kafka's own
 * {@link DeadLetterPublishingRecoverer} configured as the services configure it.
 */
@EmbeddedKafka(partitions = 3, topics = {"clinic.symptom-reports.v1", "clinic.triage-decisions.v1"})
class DeadLetterCliTest {

    private static final String REPORTS = "clinic.symptom-reports.v1";
    private static final String CANARY = "Canary-Payload-41c2";
    private static final AtomicInteger TOPICS = new AtomicInteger();

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;
    private static KafkaTemplate<byte[], byte[]> template;

    @BeforeAll
    static void connect() {
        broker = EmbeddedKafkaCondition.getBroker();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
        template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                "bootstrap.servers", broker.getBrokersAsString(),
                "key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer",
                "value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer")));
    }

    @AfterAll
    static void disconnect() {
        admin.close();
        template.destroy();
    }

    @Test
    void listShowsWhereEachDeadLetterCameFromAndWhyButNeverThePayload() {
        String dlt = newDeadLetterTopic();
        Event first = Event.random();
        Event second = Event.random();
        deadLetter(dlt, first, 2, 17, "SCHEMA_VIOLATION: /painScore maximum");
        deadLetter(dlt, second, 0, 5, "UNKNOWN_EVENT_TYPE: unknown type clinic.intake.symptom-report-submitted.v9");

        Run run = cli("list", dlt);

        assertThat(run.exit()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines.get(0).split("\t")).containsExactlyElementsOf(DeadLetterPrinter.LIST_COLUMNS);
        assertThat(lines).hasSize(3);
        List<List<String>> rows = lines.subList(1, 3).stream().map(l -> Arrays.asList(l.split("\t"))).toList();
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(10));
        List<String> byFirst = rows.stream().filter(r -> r.get(7).equals(first.id().toString())).findFirst().orElseThrow();
        assertThat(byFirst.subList(3, 10)).containsExactly(REPORTS, "2", "17",
                "clinic.intake.symptom-report-submitted.v1", first.id().toString(), "1",
                "SCHEMA_VIOLATION: /painScore maximum");
        List<String> bySecond = rows.stream().filter(r -> r.get(7).equals(second.id().toString())).findFirst().orElseThrow();
        assertThat(bySecond.subList(3, 6)).containsExactly(REPORTS, "0", "5");
        assertThat(bySecond.get(9)).startsWith("UNKNOWN_EVENT_TYPE");
        assertThat(run.out()).doesNotContain(CANARY);
        assertThat(run.err()).contains("2 dead letter(s) on " + dlt);
    }

    @Test
    void showPrintsTheHeadersAndKeepsThePayloadBackUnlessAskedWithAWarning() {
        String dlt = newDeadLetterTopic();
        Event event = Event.random();
        deadLetter(dlt, event, 1, 42, "SCHEMA_VIOLATION: /ageYears type");
        DeadLetter letter = only(dlt);
        String partition = String.valueOf(letter.record().partition());
        String offset = String.valueOf(letter.record().offset());

        Run headersOnly = cli("show", dlt, partition, offset);

        assertThat(headersOnly.exit()).isZero();
        assertThat(headersOnly.out()).contains("key:        " + event.reportId(),
                "ce_id: " + event.id(), "kafka_dlt-original-topic: " + REPORTS,
                "kafka_dlt-original-partition: 1", "kafka_dlt-original-offset: 42",
                "clinic-dlt-reason: SCHEMA_VIOLATION: /ageYears type", "clinic-dlt-attempts: 1",
                "not shown (add --payload");
        assertThat(headersOnly.out()).doesNotContain(CANARY);
        assertThat(headersOnly.out() + headersOnly.err()).doesNotContain("kafka_dlt-exception-message",
                "kafka_dlt-exception-stacktrace");

        Run withPayload = cli("show", dlt, partition, offset, "--payload");

        assertThat(withPayload.exit()).isZero();
        assertThat(withPayload.out()).contains(CANARY);
        assertThat(withPayload.err()).contains(DeadLetterPrinter.PAYLOAD_WARNING);
    }

    @Test
    void showPrintsBinaryPayloadsAsBase64() {
        String dlt = newDeadLetterTopic();
        byte[] random = {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF, 0x1B};
        send(new ProducerRecord<>(dlt, 0, (byte[]) null, random, new RecordHeaders(new Header[] {
                new RecordHeader(DeadLetterHeaders.ORIGINAL_TOPIC, REPORTS.getBytes(StandardCharsets.UTF_8))})));

        Run run = cli("show", dlt, "0", "0", "--payload");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("base64:wygA/xs=");
    }

    @Test
    void replaySendsTheEventBackWithItsCloudEventsHeadersAndWithoutTheDeadLetterHeaders() {
        String dlt = newDeadLetterTopic();
        Event event = Event.random();
        deadLetter(dlt, event, 1, 3, "SCHEMA_VIOLATION: /symptoms items");
        DeadLetter letter = only(dlt);

        Run run = cli("replay", dlt, String.valueOf(letter.record().partition()), String.valueOf(letter.record().offset()));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("replayed " + letter.coordinates() + " -> " + REPORTS + "-");
        List<ConsumerRecord<byte[], byte[]>> replayed = recordsWithKey(REPORTS, event.reportId());
        assertThat(replayed).hasSize(1);
        ConsumerRecord<byte[], byte[]> copy = replayed.get(0);
        assertThat(copy.value()).isEqualTo(event.value());
        assertThat(headerNames(copy)).containsExactlyInAnyOrder("ce_id", "ce_type", "ce_source", "ce_specversion",
                "ce_time", "ce_subject", "ce_dataschema", "content-type", DeadLetterHeaders.REPLAYED_FROM);
        for (Header original : event.headers()) {
            assertThat(copy.headers().lastHeader(original.key()).value()).as(original.key()).isEqualTo(original.value());
        }
        assertThat(text(copy, DeadLetterHeaders.REPLAYED_FROM)).isEqualTo(letter.coordinates());
        assertThat(copy.partition()).as("partition chosen by the key, like the original producer's")
                .isEqualTo(partitionOf(event.reportId()));
    }

    @Test
    void replayAllSendsEveryDeadLetterBackAndSkipsOnesWithoutAClinicOrigin() {
        String dlt = newDeadLetterTopic();
        List<Event> events = List.of(Event.random(), Event.random(), Event.random());
        for (int i = 0; i < events.size(); i++) {
            deadLetter(dlt, events.get(i), i, 10 + i, "java.lang.IllegalStateException");
        }
        send(new ProducerRecord<>(dlt, 0, (byte[]) null, "x".getBytes(StandardCharsets.UTF_8))); // no origin header
        send(new ProducerRecord<>(dlt, 1, (byte[]) null, "y".getBytes(StandardCharsets.UTF_8), new RecordHeaders(new Header[] {
                new RecordHeader(DeadLetterHeaders.ORIGINAL_TOPIC, "payments".getBytes(StandardCharsets.UTF_8))})));

        Run dryRun = cli("replay", dlt, "--all", "--dry-run");
        assertThat(dryRun.outLines()).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("would replay "));
        for (Event event : events) {
            assertThat(recordsWithKey(REPORTS, event.reportId())).as("dry run sends nothing").isEmpty();
        }

        Run run = cli("replay", dlt, "--all");

        assertThat(run.exit()).as("some were skipped").isEqualTo(1);
        assertThat(run.outLines()).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("replayed " + dlt + "-"));
        assertThat(run.err()).contains("no kafka_dlt-original-topic header", "payments is not a clinic topic",
                "replayed 3 of 5 dead letter(s)");
        for (Event event : events) {
            assertThat(recordsWithKey(REPORTS, event.reportId())).hasSize(1);
        }
        assertThat(recordsWithKey("payments", null)).isEmpty();
    }

    @Test
    void missingRecordsAndTopicsAreErrorsAndBadCommandLinesAreUsageErrors() {
        String dlt = newDeadLetterTopic();
        assertThat(cli("show", dlt, "0", "99").exit()).isEqualTo(1);
        assertThat(cli("replay", dlt, "0", "99").exit()).isEqualTo(1);
        assertThat(cli("show", dlt, "7", "0").exit()).isEqualTo(1);
        Run noTopic = cli("list", "no-such-topic.dlt");
        assertThat(noTopic.exit()).isEqualTo(1);
        assertThat(noTopic.err()).contains("no topic no-such-topic.dlt");

        assertThat(cli().exit()).isEqualTo(2);
        assertThat(cli("purge", dlt).exit()).isEqualTo(2);
        assertThat(cli("show", dlt, "0").exit()).isEqualTo(2);
        assertThat(cli("show", dlt, "zero", "1").exit()).isEqualTo(2);
        assertThat(cli("list", dlt, "--colour").exit()).isEqualTo(2);
        Run help = cli("help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("replay <dlt-topic> --all");
    }

    // ---- helpers

    /** A symptom-report event as intake would send it, its payload marked with a canary. */
    record Event(UUID id, UUID reportId, byte[] value, List<Header> headers) {
        static Event random() {
            UUID id = UUID.randomUUID();
            UUID reportId = UUID.randomUUID();
            List<Header> headers = List.of(
                    header("ce_id", id.toString()), header("ce_specversion", "1.0"),
                    header("ce_type", "clinic.intake.symptom-report-submitted.v1"),
                    header("ce_source", "/clinic/intake-service"), header("ce_time", "2026-01-05T10:15:30Z"),
                    header("ce_subject", reportId.toString()),
                    header("ce_dataschema", "urn:clinic:schema:clinic.intake.symptom-report-submitted.v1"),
                    header("content-type", "application/json"));
            byte[] value = ("{\"reportId\":\"" + reportId + "\",\"note\":\"" + CANARY + "\"}").getBytes(StandardCharsets.UTF_8);
            return new Event(id, reportId, value, headers);
        }
    }

    /** Dead-letters the event as a service's error handler does: Spring's recoverer, reason header, no message headers. */
    private static void deadLetter(String dlt, Event event, int originalPartition, long originalOffset, String reason) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(dlt, -1));
        recoverer.excludeHeader(HeadersToAdd.EX_MSG, HeadersToAdd.EX_STACKTRACE);
        recoverer.setHeadersFunction((record, exception) -> new RecordHeaders(new Header[] {
                header("clinic-dlt-reason", reason), header("clinic-dlt-attempts", "1")}));
        ConsumerRecord<byte[], byte[]> original = new ConsumerRecord<>(REPORTS, originalPartition, originalOffset,
                System.currentTimeMillis(), TimestampType.CREATE_TIME, 36, event.value().length,
                event.reportId().toString().getBytes(StandardCharsets.UTF_8), event.value(),
                new RecordHeaders(event.headers()), Optional.empty());
        recoverer.accept(original, null, new ListenerExecutionFailedException("listener failed",
                new InvalidEventException(InvalidEventException.Reason.SCHEMA_VIOLATION, "/x")));
    }

    private static String newDeadLetterTopic() {
        String name = "test-" + TOPICS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8) + ".dlt";
        try {
            admin.createTopics(List.of(new NewTopic(name, 3, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    private static void send(ProducerRecord<byte[], byte[]> record) {
        try {
            template.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static DeadLetter only(String dlt) {
        List<DeadLetter> all = new DeadLetterTopic(new KafkaClients(broker.getBrokersAsString(), new Properties()), dlt)
                .readAll();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static List<ConsumerRecord<byte[], byte[]>> recordsWithKey(String topic, UUID key) {
        KafkaClients clients = new KafkaClients(broker.getBrokersAsString(), new Properties());
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                return List.of();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records.stream()
                    .filter(r -> key == null || key.toString().equals(new String(r.key(), StandardCharsets.UTF_8)))
                    .toList();
        } catch (org.apache.kafka.common.KafkaException e) {
            return List.of();
        }
    }

    private static int partitionOf(UUID key) {
        byte[] bytes = key.toString().getBytes(StandardCharsets.UTF_8);
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(bytes)) % 3;
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> headerNames(ConsumerRecord<byte[], byte[]> record) {
        List<String> names = new ArrayList<>();
        record.headers().forEach(h -> names.add(h.key()));
        return names;
    }

    private static String text(ConsumerRecord<byte[], byte[]> record, String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }

    record Run(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    private static Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--bootstrap-servers=" + broker.getBrokersAsString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new DeadLetterCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(all.toArray(String[]::new));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
