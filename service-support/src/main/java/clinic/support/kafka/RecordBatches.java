package clinic.support.kafka;

import clinic.support.tracing.TraceContexts;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.function.Consumer;

/**
 * Handles the records of one poll in one database transaction: a busy listener commits once per batch instead of
 * once per record, and on an embedded database the commit is most of what a record costs.
 * <p>
 * The guarantees of a record listener stay. Handlers still check the inbox record by record (a repeat within the
 * batch finds the row its first delivery wrote). If anything in the batch fails, the whole batch rolls back and
 * its records are handled again in order, one transaction each, up to the first that fails: the ones before it
 * commit, and that one is handed to the error handler as a {@link BatchListenerFailedException} with its index.
 * The error handler then commits the offsets before it, retries it alone with back-off (pausing only its
 * partition), dead-letters it alone when it is permanent or keeps failing, and redelivers the records after it.
 * Records are handled in the order polled, so order per partition holds.
 * <p>
 * Spring Kafka observes records only for record listeners, so each record is handled here in a span of its own
 * that continues the trace in its {@code traceparent} header: whatever the handler writes to the outbox belongs to
 * the report's trace.
 */
public class RecordBatches {

    private static final Logger log = LoggerFactory.getLogger(RecordBatches.class);

    private final TransactionTemplate transaction;
    private final TraceContexts traces;

    RecordBatches(TransactionTemplate transaction, TraceContexts traces) {
        this.transaction = transaction;
        this.traces = traces;
    }

    /** Runs {@code handler} for every record in one transaction, or record by record when the batch fails. */
    public <K, V> void inOneTransaction(List<ConsumerRecord<K, V>> records, Consumer<ConsumerRecord<K, V>> handler) {
        if (records.isEmpty()) {
            return;
        }
        try {
            transaction.executeWithoutResult(status -> records.forEach(record -> handle(record, handler)));
            return;
        } catch (RuntimeException batchFailed) {
            log.debug("A batch of {} records from {} failed ({}); handling them one by one", records.size(),
                    records.get(0).topic(), batchFailed.getClass().getName());
        }
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<K, V> record = records.get(index);
            try {
                transaction.executeWithoutResult(status -> handle(record, handler));
            } catch (RuntimeException failed) {
                // the message names a position only: the cause's message may quote data
                throw new BatchListenerFailedException("record " + index + " of the batch failed", failed, index);
            }
        }
    }

    private <K, V> void handle(ConsumerRecord<K, V> record, Consumer<ConsumerRecord<K, V>> handler) {
        traces.process(record, () -> handler.accept(record));
    }
}
