package clinic.support.outbox;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A KafkaTemplate that records what it is asked to send and acknowledges it asynchronously after a short
 * delay, as a broker would: a relay round therefore takes a while, so concurrent relays really overlap.
 */
public class RecordingKafka extends KafkaTemplate<String, byte[]> {

    private final Queue<ProducerRecord<String, byte[]>> sent = new ConcurrentLinkedQueue<>();
    private final long ackDelayMillis;

    public RecordingKafka(long ackDelayMillis) {
        super(() -> {
            throw new UnsupportedOperationException("no producer: RecordingKafka acknowledges by itself");
        });
        this.ackDelayMillis = ackDelayMillis;
    }

    @Override
    public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
        sent.add(record);
        CompletableFuture<SendResult<String, byte[]>> ack = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(ackDelayMillis, TimeUnit.MILLISECONDS)
                .execute(() -> ack.complete(new SendResult<>(record, null)));
        return ack;
    }

    public List<ProducerRecord<String, byte[]>> sent() {
        return List.copyOf(sent);
    }

    /** How many times each ce_id was sent. */
    public Map<String, Long> sendsPerEventId() {
        return sent.stream().collect(Collectors.groupingBy(
                record -> new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8),
                Collectors.counting()));
    }

}
