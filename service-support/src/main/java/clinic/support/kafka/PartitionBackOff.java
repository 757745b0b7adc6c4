package clinic.support.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.DefaultBackOffHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.time.Duration;

/**
 * Backs off a failed record by pausing only its partition, instead of putting the consumer thread to sleep.
 * <p>
 * Spring Kafka's {@code ContainerPausingBackOffHandler} pauses the whole container it is given, and the
 * {@code DefaultErrorHandler} is given the parent (concurrent) container: every partition of the listener
 * would wait. So this handler remembers which partition failed (as a {@link RetryListener}, notified on the
 * consumer thread just before the back-off) and pauses that one through {@link ListenerContainerPauseService}.
 * Other partitions keep flowing, the consumer keeps polling (no rebalance however long the back-off), and a
 * stop is not held up by a sleeping thread. The failed record is redelivered after the pause, so per-key
 * order holds. It also keeps the delivery attempt count for the dead-letter headers.
 * <p>
 * Resumes run on a small scheduler of its own, so they never queue behind the outbox relay's scheduler.
 */
class PartitionBackOff implements BackOffHandler, RetryListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PartitionBackOff.class);

    /** The record that failed last on this consumer thread: its partition, offset and attempt count. */
    private static final ThreadLocal<Failure> LAST_FAILURE = new ThreadLocal<>();

    record Failure(TopicPartition partition, long offset, int attempts) {
    }

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final ListenerContainerPauseService pauser;
    private final DefaultBackOffHandler sleeper = new DefaultBackOffHandler();
    private final DeadLetterReason reasons;

    PartitionBackOff(DeadLetterReason reasons) {
        this.reasons = reasons;
        scheduler.setThreadNamePrefix("kafka-backoff-");
        scheduler.setPoolSize(1);
        scheduler.initialize();
        pauser = new ListenerContainerPauseService(null, scheduler);
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception exception, int deliveryAttempt) {
        LAST_FAILURE.set(new Failure(new TopicPartition(record.topic(), record.partition()), record.offset(),
                deliveryAttempt));
        log.info("{}-{}@{} failed (attempt {}): {}", record.topic(), record.partition(), record.offset(),
                deliveryAttempt, reasons.of(exception));
    }

    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception exception) {
        LAST_FAILURE.remove();
    }

    @Override
    public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
        LAST_FAILURE.remove();
        log.error("{}-{}@{} could not be dead-lettered ({}); it is not committed and will be retried",
                record.topic(), record.partition(), record.offset(), failure.getClass().getName());
    }

    @Override
    public void onNextBackOff(MessageListenerContainer container, Exception exception, long nextBackOff) {
        Failure failure = LAST_FAILURE.get();
        if (container == null || failure == null) {
            sleeper.onNextBackOff(container, exception, nextBackOff);
            return;
        }
        pauser.pausePartition(container, failure.partition(), Duration.ofMillis(nextBackOff));
    }

    /** How many times the record now being dead-lettered on this thread was delivered (1 if never retried). */
    static int attemptsOf(ConsumerRecord<?, ?> record) {
        Failure failure = LAST_FAILURE.get();
        boolean same = failure != null && failure.offset() == record.offset()
                && failure.partition().equals(new TopicPartition(record.topic(), record.partition()));
        return same ? failure.attempts() : 1;
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }
}
