package clinic.ops;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The headers a dead letter carries and how to read them. Spring Kafka's {@code DeadLetterPublishingRecoverer}
 * writes the {@code kafka_dlt-*} headers (partition as a 4-byte and offset/timestamp as 8-byte big-endian
 * numbers, the rest as UTF-8); the clinic's error handlers add {@value #REASON} and {@value #ATTEMPTS}
 * (how many times the record was tried: 1 for a record that could never be processed).
 */
final class DeadLetterHeaders {

    static final String DLT_PREFIX = "kafka_dlt-";
    static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    static final String ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";
    static final String REASON = "clinic-dlt-reason";
    static final String ATTEMPTS = "clinic-dlt-attempts";
    static final String REPLAYED_FROM = "clinic-replayed-from";

    private static final Set<String> NUMBERS = Set.of(ORIGINAL_PARTITION, ORIGINAL_OFFSET, ORIGINAL_TIMESTAMP);
    private static final String CLOUD_EVENTS_PREFIX = "ce_";
    private static final String CONTENT_TYPE = "content-type";

    private DeadLetterHeaders() {
    }

    /** Headers a replay carries over to the original topic: the CloudEvents attributes and the content type. */
    static boolean isEventHeader(String name) {
        return name.startsWith(CLOUD_EVENTS_PREFIX) || name.equals(CONTENT_TYPE);
    }

    static Optional<String> text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? Optional.empty() : Optional.of(display(name, header.value()));
    }

    static Optional<Long> number(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(number(header.value()));
    }

    /** A header value as one printable line: Spring's binary numbers decoded, other bytes as sanitised UTF-8. */
    static String display(String name, byte[] value) {
        if (NUMBERS.contains(name)) {
            Long number = number(value);
            if (number != null) {
                return number.toString();
            }
        }
        return printable(new String(value, StandardCharsets.UTF_8));
    }

    /** Control characters (tabs, newlines, escapes) would break the output's columns or the terminal. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == 0xFFFD ? '?' : c));
        return out.toString();
    }

    private static Long number(byte[] value) {
        return switch (value.length) {
            case Integer.BYTES -> (long) ByteBuffer.wrap(value).getInt();
            case Long.BYTES -> ByteBuffer.wrap(value).getLong();
            default -> parse(new String(value, StandardCharsets.UTF_8));
        };
    }

    private static Long parse(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
