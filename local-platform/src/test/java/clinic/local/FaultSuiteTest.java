package clinic.local;

import clinic.local.FaultPlatform.Service;
import clinic.local.Ledger.Kind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static clinic.local.Invariants.DECISIONS;
import static clinic.local.Invariants.REPORTS;
import static clinic.local.Invariants.URGENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault suite: real crashes, outages, poison and redelivery against the platform run as separate
 * processes (see {@link FaultPlatform}). One platform serves the whole class; every test leaves it with
 * all parts running and ends by counting every report accepted so far: accepted = decided +
 * dead-lettered, each decided exactly once, each urgent one alerted exactly once
 * ({@link Invariants#assertEveryAcceptedReportDecidedExactlyOnce}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteTest {

    private static final String TRIAGE_GROUP = "triage-service";
    private static final String NOTIFICATION_GROUP = "notification-service";
    private static final int PARTITIONS = 3;

    @TempDir
    static Path dataDir;

    private static FaultPlatform platform;
    private static PlatformClient client;
    private static KafkaProbe kafka;
    private static Invariants invariants;
    private static final Ledger ledger = new Ledger();
    /** Keys of the poison records, so that the replay test knows which resent records must be dead-lettered again. */
    private static final Set<UUID> poisonKeys = new HashSet<>();

    @BeforeAll
    static void startPlatform() {
        platform = FaultPlatform.start(FaultSuiteTest.class.getSimpleName(), dataDir);
        client = platform.client();
        kafka = platform.kafka();
        invariants = new Invariants(platform);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    /** A failed test must not leave a dead service or broker behind for the next one. */
    @AfterEach
    void everythingRunningAgain() {
        platform.ensureBrokerRunning();
        platform.ensureAllRunning();
    }

    @Test
    @Order(1)
    void poisonMessagesGoToTheDltAndDoNotBlockThePartition() {
        UUID template = ledger.submit(client, Kind.SELF_CARE);
        ConsumerRecord<byte[], byte[]> real = awaitRecord(REPORTS, template);
        Random random = new Random(42);
        List<ProducerRecord<byte[], byte[]>> poison = new ArrayList<>();
        Map<UUID, List<String>> expectedReasons = new HashMap<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            UUID key = keyFor(partition);
            byte[] randomBytes = new byte[64];
            random.nextBytes(randomBytes);
            byte[] wrongSchema = ("{\"reportId\":\"" + key + "\",\"answers\":{\"painScore\":\"very high\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            poison.add(record(REPORTS, partition, key, randomBytes, cloudEvent(real, key, "clinic.intake.symptom-report-submitted.v1")));
            poison.add(record(REPORTS, partition, key, wrongSchema, cloudEvent(real, key, "clinic.intake.symptom-report-submitted.v1")));
            poison.add(record(REPORTS, partition, key, real.value(), cloudEvent(real, key, "clinic.intake.symptom-report-submitted.v9")));
            expectedReasons.put(key, List.of("UNREADABLE_PAYLOAD", "SCHEMA_VIOLATION", "UNKNOWN_EVENT_TYPE"));
            // the urgent path too: bytes without any CloudEvents header in front of real urgent reviews
            UUID urgentKey = keyFor(partition);
            poison.add(record(URGENT, partition, urgentKey, randomBytes, new RecordHeaders()));
            expectedReasons.put(urgentKey, List.of("MISSING_HEADER"));
        }
        poisonKeys.addAll(expectedReasons.keySet());
        kafka.send(poison);

        // good reports behind the poison, until every partition has at least one
        Instant goodSent = Instant.now();
        List<UUID> good = new ArrayList<>(ledger.burst(client, 9));
        while (good.stream().map(FaultSuiteTest::partitionOf).distinct().count() < PARTITIONS && good.size() < 40) {
            good.add(ledger.submit(client, Ledger.kindOf(good.size())));
        }

        // Three poison records sit in front of every partition; a transient failure would be retried for
        // about 25 s (0.5 s doubling, 6 times). The good ones are decided within seconds, and each dead
        // letter says it was tried once.
        await("good reports behind the poison decided").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> good.stream().allMatch(id -> client.decision(id).status() == 200));
        System.out.println("Good reports behind 3 poison records per partition decided "
                + Duration.between(goodSent, Instant.now()).toMillis() + " ms after submission");

        await("poison dead-lettered").atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>(kafka.readAll(REPORTS + ".dlt"));
            deadLetters.addAll(kafka.readAll(URGENT + ".dlt"));
            for (Map.Entry<UUID, List<String>> expected : expectedReasons.entrySet()) {
                List<ConsumerRecord<byte[], byte[]>> copies = deadLetters.stream()
                        .filter(r -> expected.getKey().equals(Invariants.keyOf(r).orElse(null))).toList();
                assertThat(copies).as("dead letters of %s", expected.getKey()).hasSize(expected.getValue().size());
                for (int i = 0; i < copies.size(); i++) {
                    assertThat(header(copies.get(i), "clinic-dlt-reason")).startsWith(expected.getValue().get(i));
                    assertThat(header(copies.get(i), "clinic-dlt-attempts")).as("attempts").isEqualTo("1");
                    assertThat(copies.get(i).headers().lastHeader("kafka_dlt-original-partition").value())
                            .isEqualTo(ByteBuffer.allocate(4).putInt(partitionOf(expected.getKey())).array());
                }
            }
        });
        // the dead letters carry the original bytes, untouched
        List<byte[]> deadValues = kafka.readAll(REPORTS + ".dlt").stream().map(ConsumerRecord::value).toList();
        for (ProducerRecord<byte[], byte[]> sent : poison.subList(0, 3)) {
            assertThat(deadValues).anySatisfy(v -> assertThat(v).isEqualTo(sent.value()));
        }
        invariants.assertEveryAcceptedReportDecidedExactlyOnce(ledger);
    }

    @Test
    @Order(2)
    void killIntakeRightAfterAccepting() {
        List<UUID> burst = ledger.burst(client, 24);
        platform.process(Service.INTAKE).kill();
        Instant killed = Instant.now();

        long published = Invariants.keys(kafka.readAll(REPORTS)).stream().filter(burst::contains).count();
        System.out.println("kill -9 of intake right after 24 accepted reports; " + (burst.size() - published)
                + " of them were still only in its outbox");
        platform.launch(Service.INTAKE).awaitReady(FaultPlatform.READY_TIMEOUT);

        invariants.assertEveryAcceptedReportDecidedExactlyOnce(ledger);
        InFlight.assertCrashHitWorkInFlight(client, burst, killed);
    }

    @Test
    @Order(3)
    void killTriageBetweenDbCommitAndOffsetCommit() {
        Halt halt = crashAfterRecords(Service.TRIAGE, 7, 18);
        assertThat(halt.topic()).isEqualTo(REPORTS);

        ServiceProcess restarted = platform.launch(Service.TRIAGE).awaitReady(FaultPlatform.READY_TIMEOUT);
        invariants.assertEveryAcceptedReportDecidedExactlyOnce(ledger);
        InFlight.assertCrashHitWorkInFlight(client, halt.burst(), halt.observedAt());

        // The halted record was decided by the crashed JVM (its transaction had committed), delivered again
        // to the restarted one (its offset had not), and recognised: one decision, one decision event.
        JsonNode decision = client.decision(halt.reportId()).json();
        assertThat(Instant.parse(decision.get("decidedAt").asString())).as("decided before the halt")
                .isBefore(halt.observedAt());
        assertThat(kafka.committedOffset(TRIAGE_GROUP, halt.partition())).isGreaterThan(halt.offset());
        assertThat(restarted.isAlive()).isTrue();
    }

    @Test
    @Order(4)
    void killNotificationMidDelivery() {
        Halt halt = crashAfterRecords(Service.NOTIFICATION, 8, 18);
        assertThat(halt.topic()).isIn(DECISIONS, URGENT);

        platform.launch(Service.NOTIFICATION).awaitReady(FaultPlatform.READY_TIMEOUT);
        invariants.assertEveryAcceptedReportDecidedExactlyOnce(ledger);
        InFlight.assertCrashHitWorkInFlight(client, halt.burst(), halt.observedAt());

        String kind = halt.topic().equals(URGENT) ? "CLINICIAN_ALERT" : "PATIENT_NOTICE";
        JsonNode notification = client.notifications(halt.reportId()).json().valueStream()
                .filter(n -> kind.equals(n.get("kind").asString())).findFirst().orElseThrow();
        assertThat(Instant.parse(notification.get("createdAt").asString())).as("recorded before the halt")
                .isBefore(halt.observedAt());
        assertThat(kafka.committedOffset(NOTIFICATION_GROUP, halt.partition())).isGreaterThan(halt.offset());
    }

    @Test
    @Order(5)
    void brokerDownLongerThanDeliveryTimeout() {
        invariants.awaitSettled(Duration.ofSeconds(60));
        platform.stopBroker();
        Instant down = Instant.now();
        Duration outage = FaultPlatform.INTAKE_DELIVERY_TIMEOUT.plusSeconds(3);

        // reports keep arriving, one every half second, for longer than intake's delivery timeout: the
        // first of them is handed to the producer at once and expires while the broker is still away
        List<UUID> during = new ArrayList<>();
        await("an outage of " + outage).atMost(outage.plusSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    during.add(ledger.submit(client, Ledger.kindOf(during.size())));
                    return Duration.between(down, Instant.now()).compareTo(outage) > 0 && during.size() >= 10;
                });
        int backlog = invariants.outboxPending(Service.INTAKE);
        System.out.println("Broker down " + Duration.between(down, Instant.now()).toMillis() + " ms: "
                + during.size() + " reports accepted, intake outbox backlog " + backlog);
        assertThat(backlog).as("intake's outbox holds what it could not send").isGreaterThanOrEqualTo(during.size());

        platform.startBroker();
        invariants.assertEveryAcceptedReportDecidedExactlyOnce(ledger);
        assertThat(invariants.outboxPending(Service.INTAKE)).isZero();
    }

    @Test
    @Order(6)
    void secondConsumerInstanceJoiningMidStream() {
        invariants.awaitSettled(Duration.ofSeconds(60));
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService stream = Executors.newSingleThreadScheduledExecutor();
        stream.scheduleAtFixedRate(() -> ledger.submit(client, Ledger.kindOf(sent.getAndIncrement())),
                0, 400, TimeUnit.MILLISECONDS);
        int secondPort = FreePorts.next();
        ServiceProcess second;
        try {
            second = platform.launch(Service.TRIAGE, Service.TRIAGE.mainClass, secondPort,
                    // another pod: its own outbox-claim owner; a static member name (group.instance.id) that
                    // the range assignor sorts before the first instance's "fault-triage", so that the
                    // rebalance hands partitions to the newcomer even if the listeners run more consumers
                    // than a topic has partitions
                    List.of("--clinic.outbox.relay.instance-id=second-triage",
                            FaultPlatform.INSTANCE_NAME_ARG + "a-second-triage",
                            "--spring.kafka.consumer.client-id=a-second-triage"));
            second.awaitReady(FaultPlatform.READY_TIMEOUT);
            await("second instance owns partitions").atMost(Duration.ofSeconds(30))
                    .until(() -> kafka.partitionsOwnedByClientIdPrefix(TRIAGE_GROUP, "a-second-triage") > 0);
            int atJoin = sent.get();
            await("reports after the rebalance").atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= atJoin + 10);
        } finally {
            stream.shutdown();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.awaitTermination(100, TimeUnit.MILLISECONDS));
        System.out.println(sent.get() + " reports streamed while a second triage instance joined");

        invariants.assertEveryAcceptedReportDecidedExactlyOnce(ledger);
        double decidedBySecond = FaultPlatform.prometheusOrZero(client.prometheus(secondPort).body(),
                "clinic_triage_decisions_total");
        assertThat(decidedBySecond).as("decisions made by the second instance").isPositive();
        second.stop();
    }

    @Test
    @Order(7)
    void deadLetterReplayedTwiceWithTheCliIsProcessedOnce() {
        // An urgent review for a new report, dead-lettered as after exhausted retries of a transient failure
        ConsumerRecord<byte[], byte[]> real = kafka.readAll(URGENT).stream()
                .filter(r -> r.headers().lastHeader("ce_id") != null).findFirst().orElseThrow();
        UUID realReport = Invariants.keyOf(real).orElseThrow();
        UUID reportId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        byte[] value = new String(real.value(), StandardCharsets.UTF_8).replace(realReport.toString(), reportId.toString())
                .getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = cloudEvent(real, reportId, header(real, "ce_type"));
        headers.remove("ce_id");
        headers.add("ce_id", eventId.getBytes(StandardCharsets.UTF_8));
        headers.add("kafka_dlt-original-topic", URGENT.getBytes(StandardCharsets.UTF_8));
        headers.add("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(partitionOf(reportId)).array());
        headers.add("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(4242L).array());
        headers.add("clinic-dlt-reason", "org.springframework.dao.DataAccessResourceFailureException"
                .getBytes(StandardCharsets.UTF_8));
        headers.add("clinic-dlt-attempts", "7".getBytes(StandardCharsets.UTF_8));
        kafka.send(List.of(new ProducerRecord<>(URGENT + ".dlt", null, reportId.toString().getBytes(StandardCharsets.UTF_8),
                value, headers)));
        ConsumerRecord<byte[], byte[]> deadLetter = awaitRecord(URGENT + ".dlt", reportId);

        OpsCli cli = new OpsCli(platform.bootstrap(), platform.logDir().resolve("ops-cli"));
        OpsCli.Result list = cli.run("list", URGENT + ".dlt");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains(String.join("\t", String.valueOf(deadLetter.partition()),
                String.valueOf(deadLetter.offset())));
        assertThat(list.out().lines().filter(l -> l.contains(eventId)))
                .singleElement().asString().contains(URGENT + "\t" + partitionOf(reportId) + "\t4242",
                        eventId + "\t7\torg.springframework.dao.DataAccessResourceFailureException");
        for (int i = 0; i < 2; i++) {
            OpsCli.Result replay = cli.run("replay", URGENT + ".dlt", String.valueOf(deadLetter.partition()),
                    String.valueOf(deadLetter.offset()));
            assertThat(replay.exit()).as(replay.err()).isZero();
            assertThat(replay.out()).contains("replayed " + URGENT + ".dlt-" + deadLetter.partition());
        }

        invariants.awaitSettled(Duration.ofSeconds(60));
        List<ConsumerRecord<byte[], byte[]>> copies = kafka.readAll(URGENT).stream()
                .filter(r -> reportId.equals(Invariants.keyOf(r).orElse(null))).toList();
        assertThat(copies).hasSize(2).allSatisfy(c -> {
            assertThat(header(c, "ce_id")).isEqualTo(eventId);
            assertThat(header(c, "clinic-replayed-from")).isEqualTo(URGENT + ".dlt-" + deadLetter.partition()
                    + "@" + deadLetter.offset());
            assertThat(c.headers().lastHeader("kafka_dlt-original-topic")).isNull();
        });
        assertThat(client.notifications(reportId).json().valueStream().map(n -> n.get("kind").asString()))
                .containsExactly("CLINICIAN_ALERT");
        assertThat(client.alerts().json().valueStream().filter(a -> reportId.toString().equals(a.get("reportId").asString())))
                .hasSize(1);
        invariants.assertEveryAcceptedReportDecidedExactlyOnce(ledger);
    }

    @Test
    @Order(8)
    void replayFromOffsetZeroCreatesNothingNew() {
        invariants.awaitSettled(Duration.ofSeconds(60));
        List<String> topics = List.of(REPORTS, DECISIONS, URGENT);
        Map<String, List<ConsumerRecord<byte[], byte[]>>> everything = new HashMap<>();
        Map<String, Long> deadBefore = new HashMap<>();
        for (String topic : topics) {
            everything.put(topic, kafka.readAll(topic));
            deadBefore.put(topic, kafka.size(topic + ".dlt"));
        }
        double decisionsBefore = FaultPlatform.prometheusOrZero(client.prometheus(platform.port(Service.TRIAGE)).body(),
                "clinic_triage_decisions_total");

        everything.forEach(kafka::resend);
        invariants.awaitSettled(Duration.ofSeconds(90));

        for (String topic : topics) {
            List<ConsumerRecord<byte[], byte[]>> original = everything.get(topic);
            assertThat(kafka.size(topic)).as("%s holds the originals and their copies, nothing else", topic)
                    .isEqualTo(2L * original.size());
            long poison = original.stream().filter(r -> poisonKeys.contains(Invariants.keyOf(r).orElse(null))).count();
            assertThat(kafka.size(topic + ".dlt")).as("%s.dlt gains exactly the poison copies", topic)
                    .isEqualTo(deadBefore.get(topic) + poison);
        }
        assertThat(FaultPlatform.prometheusOrZero(client.prometheus(platform.port(Service.TRIAGE)).body(),
                "clinic_triage_decisions_total")).as("decisions made during the replay").isEqualTo(decisionsBefore);
        System.out.println("Replayed " + everything.values().stream().mapToInt(List::size).sum()
                + " records from offset 0; nothing new");
        invariants.assertEveryAcceptedReportDecidedExactlyOnce(ledger);
    }

    // ---- crash helpers

    /**
     * Where a fault-injecting JVM halted: the record after whose DB commit it died, when the test saw it die, and the
     * reports of the burst it died in.
     */
    record Halt(String topic, TopicPartition partition, long offset, UUID reportId, Instant observedAt,
                List<UUID> burst) {
        static Halt read(Path marker, Instant observedAt, List<UUID> burst) {
            try {
                String[] fields = Files.readString(marker, StandardCharsets.UTF_8).trim().split(" ");
                return new Halt(fields[0], new TopicPartition(fields[0], Integer.parseInt(fields[1])),
                        Long.parseLong(fields[2]), UUID.fromString(fields[3]), observedAt, burst);
            } catch (java.io.IOException e) {
                throw new AssertionError("no halt marker at " + marker, e);
            }
        }
    }

    /**
     * Arms the service's fault-injecting twin to halt after {@code afterRecords} records, sends a burst,
     * and returns where it halted, after checking that the halted record's offset had not been committed
     * (so it will be delivered again).
     */
    private Halt crashAfterRecords(Service service, int afterRecords, int burst) {
        invariants.awaitSettled(Duration.ofSeconds(60)); // the twin's Nth record comes from this test's burst
        Path marker = platform.arm(service, afterRecords);
        ServiceProcess twin = platform.process(service);

        List<UUID> sent = ledger.burst(client, burst);
        assertThat(twin.awaitExit(Duration.ofSeconds(90))).as("exit code of the halted JVM").isEqualTo(137);
        Halt halt = Halt.read(marker, Instant.now(), sent);
        platform.disarm(service);
        System.out.println(service.id + " halted after the DB commit of " + halt);

        String group = service == Service.TRIAGE ? TRIAGE_GROUP : NOTIFICATION_GROUP;
        assertThat(kafka.committedOffset(group, halt.partition()))
                .as("committed offset of %s: the halt must come before the offset commit", halt.partition())
                .isLessThanOrEqualTo(halt.offset());
        return halt;
    }

    // ---- record helpers

    private static ConsumerRecord<byte[], byte[]> awaitRecord(String topic, UUID key) {
        return await("record " + key + " on " + topic).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> kafka.readAll(topic).stream().filter(r -> key.equals(Invariants.keyOf(r).orElse(null)))
                        .findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    /** The CloudEvents headers of a real event, with a new id, the given subject and type. */
    private static RecordHeaders cloudEvent(ConsumerRecord<byte[], byte[]> real, UUID subject, String type) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : real.headers()) {
            switch (header.key()) {
                case "ce_id" -> headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                case "ce_subject" -> headers.add("ce_subject", subject.toString().getBytes(StandardCharsets.UTF_8));
                case "ce_type" -> headers.add("ce_type", type.getBytes(StandardCharsets.UTF_8));
                default -> {
                    if (header.key().startsWith("ce_") || header.key().equals("content-type")) {
                        headers.add(new RecordHeader(header.key(), header.value()));
                    }
                }
            }
        }
        return headers;
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, int partition, UUID key, byte[] value,
                                                         RecordHeaders headers) {
        return new ProducerRecord<>(topic, partition, key.toString().getBytes(StandardCharsets.UTF_8), value, headers);
    }

    /** A fresh report id that the default partitioner puts on the given partition. */
    private static UUID keyFor(int partition) {
        UUID key;
        do {
            key = UUID.randomUUID();
        } while (partitionOf(key) != partition);
        return key;
    }

    private static int partitionOf(UUID key) {
        return Utils.toPositive(Utils.murmur2(key.toString().getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
