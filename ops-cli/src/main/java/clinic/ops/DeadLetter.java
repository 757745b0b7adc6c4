package clinic.ops;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.util.Optional;

/** One record on a dead-letter topic, with the facts an operator needs to decide what to do with it. */
record DeadLetter(ConsumerRecord<byte[], byte[]> record) {

    String coordinates() {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    Instant timestamp() {
        return Instant.ofEpochMilli(record.timestamp());
    }

    Optional<String> originalTopic() {
        return DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.ORIGINAL_TOPIC);
    }

    Optional<Long> originalPartition() {
        return DeadLetterHeaders.number(record.headers(), DeadLetterHeaders.ORIGINAL_PARTITION);
    }

    Optional<Long> originalOffset() {
        return DeadLetterHeaders.number(record.headers(), DeadLetterHeaders.ORIGINAL_OFFSET);
    }

    Optional<String> eventType() {
        return DeadLetterHeaders.text(record.headers(), "ce_type");
    }

    Optional<String> eventId() {
        return DeadLetterHeaders.text(record.headers(), "ce_id");
    }

    Optional<String> attempts() {
        return DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.ATTEMPTS);
    }

    Optional<String> reason() {
        return DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.REASON);
    }
}
