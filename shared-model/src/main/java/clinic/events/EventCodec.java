package clinic.events;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static clinic.events.InvalidEventException.Reason.*;

/**
 * Turns event payloads into CloudEvents binary-mode Kafka records and back. Every payload is checked
 * against its JSON Schema both ways: a producer bug fails before it reaches the wire, and a consumer
 * rejects anything off-contract as an {@link InvalidEventException} (a dead letter, never a retry).
 */
public final class EventCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final int MAX_EXTENSION_BYTES = 256;

    private final String source;
    private final Map<EventType<?>, Schema> schemas = new HashMap<>();

    /** @param source the CloudEvents {@code ce_source} of events this codec encodes, e.g. {@code /clinic/intake-service} */
    public EventCodec(String source) {
        this.source = source;
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        for (EventType<?> type : EventType.all()) {
            try (InputStream in = EventCodec.class.getResourceAsStream(type.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("Missing schema " + type.schemaResource());
                }
                schemas.put(type, registry.getSchema(in, InputFormat.JSON));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public <T> OutgoingEvent encode(ClinicTopic<T> topic, UUID reportId, T payload, Instant time) {
        byte[] bytes = MAPPER.writeValueAsBytes(payload);
        List<String> violations = schemaViolations(topic.eventType(), bytes);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("Produced " + topic.eventType() + " breaks its schema: " + violations);
        }
        EventType<T> type = topic.eventType();
        return new OutgoingEvent(UUID.randomUUID(), topic.name(), reportId.toString(), type.type(), source, time,
                type.dataSchemaUri(), bytes);
    }

    /** The Kafka record of an encoded event: key = report id, {@code ce_*} headers, JSON value. */
    public static ProducerRecord<String, byte[]> toProducerRecord(OutgoingEvent event) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.ID, event.id().toString());
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(headers, CloudEventHeaders.TYPE, event.type());
        header(headers, CloudEventHeaders.SOURCE, event.source());
        header(headers, CloudEventHeaders.TIME, event.time().toString());
        header(headers, CloudEventHeaders.SUBJECT, event.key());
        header(headers, CloudEventHeaders.DATA_SCHEMA, event.dataSchema());
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        event.extensions().forEach((name, value) -> header(headers, CloudEventHeaders.extensionHeader(name), value));
        return new ProducerRecord<>(event.topic(), null, event.key(), event.payload(), headers);
    }

    /** Decodes a record that must carry {@code expected}'s event type. */
    public <T> IncomingEvent<T> decode(ClinicTopic<T> expected, Headers headers, byte[] value) {
        IncomingEvent<?> event = decode(headers, value);
        if (event.type() != expected.eventType()) {
            throw new InvalidEventException(WRONG_TOPIC, event.type() + " is not carried by " + expected.name());
        }
        @SuppressWarnings("unchecked")
        IncomingEvent<T> typed = (IncomingEvent<T>) event;
        return typed;
    }

    public IncomingEvent<?> decode(Headers headers, byte[] value) {
        String specVersion = required(headers, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
            throw new InvalidEventException(UNSUPPORTED_SPEC_VERSION, "only CloudEvents 1.0 is understood");
        }
        String ceType = required(headers, CloudEventHeaders.TYPE);
        EventType<?> type = EventType.fromType(ceType)
                .orElseThrow(() -> new InvalidEventException(UNKNOWN_EVENT_TYPE, "unknown type " + safe(ceType)));
        return decode(type, headers, value);
    }

    private <T> IncomingEvent<T> decode(EventType<T> type, Headers headers, byte[] value) {
        UUID id = parse(() -> UUID.fromString(required(headers, CloudEventHeaders.ID)), CloudEventHeaders.ID);
        Instant time = parse(() -> Instant.parse(required(headers, CloudEventHeaders.TIME)), CloudEventHeaders.TIME);
        return new IncomingEvent<>(id, type, required(headers, CloudEventHeaders.SOURCE),
                required(headers, CloudEventHeaders.SUBJECT), time, readPayload(type, value), extensions(headers));
    }

    /**
     * The known extension attributes present on a record. Values are the sender's: a too long one is left out,
     * and the attribute's own parser decides what the rest is worth.
     */
    private static Map<String, String> extensions(Headers headers) {
        Map<String, String> found = new HashMap<>();
        for (String name : CloudEventHeaders.EXTENSIONS) {
            Header header = headers.lastHeader(CloudEventHeaders.extensionHeader(name));
            if (header != null && header.value() != null && header.value().length <= MAX_EXTENSION_BYTES) {
                found.put(name, new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return found;
    }

    private <T> T readPayload(EventType<T> type, byte[] value) {
        if (value == null) {
            throw new InvalidEventException(UNREADABLE_PAYLOAD, "record has no value");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(value);
        } catch (JacksonException e) {
            throw new InvalidEventException(UNREADABLE_PAYLOAD, "value is not JSON");
        }
        List<String> violations = violations(type, tree);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(SCHEMA_VIOLATION, String.join("; ", violations));
        }
        try {
            return MAPPER.treeToValue(tree, type.payloadType());
        } catch (JacksonException e) {
            throw new InvalidEventException(UNREADABLE_PAYLOAD, "value does not map to " + type);
        }
    }

    /** Schema violations of a JSON payload, as JSON paths and keywords only (no values). */
    public List<String> schemaViolations(EventType<?> type, byte[] json) {
        return violations(type, MAPPER.readTree(json));
    }

    private List<String> violations(EventType<?> type, JsonNode tree) {
        List<Error> errors = schemas.get(type).validate(tree);
        return errors.stream()
                .map(e -> e.getInstanceLocation() + " " + e.getKeyword()
                        + (e.getProperty() == null ? "" : " " + safe(e.getProperty())))
                .distinct()
                .collect(Collectors.toList());
    }

    /** Reads a payload of this process's own type outside Kafka (for instance from an outbox row). */
    public static <T> T readTrusted(EventType<T> type, byte[] json) {
        return MAPPER.readValue(json, type.payloadType());
    }

    private static String required(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            throw new InvalidEventException(MISSING_HEADER, name);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static <V> V parse(java.util.function.Supplier<V> parser, String headerName) {
        try {
            return parser.get();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidEventException(MISSING_HEADER, headerName + " is malformed");
        }
    }

    /** Header values and property names come from outside: keep them short and printable. */
    private static String safe(String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9._-]", "?");
        return cleaned.length() > 80 ? cleaned.substring(0, 80) + "..." : cleaned;
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
