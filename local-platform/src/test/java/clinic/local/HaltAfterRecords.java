package clinic.local;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.CompositeBatchInterceptor;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only fault injection, added as an extra source to a real service application: once armed, the
 * JVM halts (exit 137, like SIGKILL: no shutdown hook, no container stop) right after the listener of
 * the Nth record returned normally. At that point the handler's database transaction has committed,
 * but the container has not committed the record's offset yet: it commits after the whole poll batch
 * (the services keep Spring Kafka's default ack mode BATCH), so the record will be delivered again.
 * Record listeners are watched through a {@link RecordInterceptor}; batch listeners (the services' own
 * listeners, one transaction per poll) through a {@link BatchInterceptor}, whose success comes after the
 * batch's transaction committed and before the container commits the batch's offsets.
 *
 * <p>Disarmed it changes nothing, so the fault suite can run the service this way from the start. The
 * test arms it by writing N into the file named by {@value #ARM_FILE}; before halting, the JVM writes
 * the record's coordinates to that file name plus {@code .halted}, so that the test can check that the
 * offset really was not committed. Installed on every listener container factory, composed with any
 * record interceptor the service already has.
 */
@Configuration(proxyBeanMethods = false)
class HaltAfterRecords {

    static final String ARM_FILE = "clinic.fault.arm-file";

    static Path markerOf(Path armFile) {
        return armFile.resolveSibling(armFile.getFileName() + ".halted");
    }

    @Bean
    static BeanPostProcessor haltAfterRecordsInstaller(Environment environment) {
        HaltingInterceptor halting = new HaltingInterceptor(Path.of(environment.getRequiredProperty(ARM_FILE)));
        return new BeanPostProcessor() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractKafkaListenerContainerFactory factory) {
                    RecordInterceptor existing = factory.getRecordInterceptor();
                    factory.setRecordInterceptor(existing == null ? halting
                            : new CompositeRecordInterceptor(existing, halting));
                    BatchInterceptor existingBatch = factory.getBatchInterceptor();
                    factory.setBatchInterceptor(existingBatch == null ? halting
                            : new CompositeBatchInterceptor(existingBatch, halting));
                }
                return bean;
            }
        };
    }

    static final class HaltingInterceptor
            implements RecordInterceptor<Object, Object>, BatchInterceptor<Object, Object> {

        private final Path armFile;
        private final AtomicInteger succeededSinceArmed = new AtomicInteger();
        private volatile int haltAfter = -1;

        HaltingInterceptor(Path armFile) {
            this.armFile = armFile;
        }

        @Override
        public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
                                                        Consumer<Object, Object> consumer) {
            return record;
        }

        @Override
        public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
                                                         Consumer<Object, Object> consumer) {
            return records;
        }

        @Override
        public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
            countAndMaybeHalt(record);
        }

        /** The whole batch committed in one transaction: halt at its Nth record since arming, if it holds one. */
        @Override
        public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
            for (ConsumerRecord<Object, Object> record : records) {
                countAndMaybeHalt(record);
            }
        }

        private void countAndMaybeHalt(ConsumerRecord<Object, Object> record) {
            if (haltAfter < 0 && !arm()) {
                return;
            }
            if (succeededSinceArmed.incrementAndGet() == haltAfter) {
                writeMarker(record);
                Runtime.getRuntime().halt(137);
            }
        }

        private synchronized boolean arm() {
            if (haltAfter < 0 && Files.exists(armFile)) {
                try {
                    haltAfter = Integer.parseInt(Files.readString(armFile, StandardCharsets.UTF_8).trim());
                } catch (IOException | NumberFormatException e) {
                    return false; // being written: try again with the next record
                }
            }
            return haltAfter >= 0;
        }

        /** One line: topic partition offset key ce_id; forced to disk, the next instruction halts the JVM. */
        private void writeMarker(ConsumerRecord<Object, Object> record) {
            Header ceId = record.headers().lastHeader("ce_id");
            String line = String.join(" ", record.topic(), String.valueOf(record.partition()),
                    String.valueOf(record.offset()), String.valueOf(record.key()),
                    ceId == null ? "-" : new String(ceId.value(), StandardCharsets.UTF_8)) + "\n";
            try (FileChannel channel = FileChannel.open(markerOf(armFile), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(StandardCharsets.UTF_8.encode(line));
                channel.force(true);
            } catch (IOException e) {
                System.err.println("could not write the halt marker: " + e);
            }
        }
    }
}
