package clinic.ops;

import clinic.events.ClinicTopic;
import clinic.events.ClinicTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Sends dead letters back to the topic they came from: same key, same value, the CloudEvents headers
 * ({@code ce_*}, {@code content-type}) and nothing else of the dead letter's headers, plus
 * {@value DeadLetterHeaders#REPLAYED_FROM} naming the dead letter. The event keeps its {@code ce_id}, so
 * the services' idempotent consumers apply a record replayed twice (or replayed after all) only once.
 * The partition follows from the key, as for any producer of that topic, so per-report order holds.
 */
final class Replayer implements AutoCloseable {

    /** Only the clinic's own topics are valid targets: a forged or mistyped header must not send data elsewhere. */
    private static final Set<String> TARGETS =
            ClinicTopics.all().stream().map(ClinicTopic::name).collect(Collectors.toUnmodifiableSet());

    private final KafkaProducer<byte[], byte[]> producer;

    Replayer(KafkaClients clients) {
        this.producer = clients.producer();
    }

    /** Why this dead letter cannot be replayed, or empty when it can. */
    static Optional<String> refusal(DeadLetter letter) {
        Optional<String> target = letter.originalTopic();
        if (target.isEmpty()) {
            return Optional.of("no " + DeadLetterHeaders.ORIGINAL_TOPIC + " header");
        }
        if (!TARGETS.contains(target.get())) {
            return Optional.of("original topic " + target.get() + " is not a clinic topic");
        }
        return Optional.empty();
    }

    static ProducerRecord<byte[], byte[]> replayOf(DeadLetter letter) {
        String target = letter.originalTopic().orElseThrow();
        RecordHeaders headers = new RecordHeaders();
        for (Header header : letter.record().headers()) {
            if (DeadLetterHeaders.isEventHeader(header.key())) {
                headers.add(header.key(), header.value());
            }
        }
        headers.add(DeadLetterHeaders.REPLAYED_FROM, letter.coordinates().getBytes(StandardCharsets.UTF_8));
        Integer partition = letter.record().key() == null
                ? letter.originalPartition().map(Long::intValue).orElse(null)
                : null;
        return new ProducerRecord<>(target, partition, letter.record().key(), letter.record().value(), headers);
    }

    Future<RecordMetadata> send(DeadLetter letter) {
        return producer.send(replayOf(letter));
    }

    static RecordMetadata await(Future<RecordMetadata> sent) {
        try {
            return sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused the replay: " + e.getCause().getClass().getName(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
