package clinic.ops;

import org.apache.kafka.common.header.Header;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** What the CLI prints. {@code list} and {@code show} never print a payload unless {@code --payload} asks. */
final class DeadLetterPrinter {

    static final String PAYLOAD_WARNING = "WARNING: the payload may hold clinical data. Do not copy it into "
            + "tickets, chats or logs.";
    static final List<String> LIST_COLUMNS = List.of("partition", "offset", "timestamp", "original_topic",
            "original_partition", "original_offset", "ce_type", "ce_id", "attempts", "reason");

    private final PrintStream out;
    private final PrintStream err;

    DeadLetterPrinter(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Tab-separated, one line per dead letter under a header line; "-" where a header is missing. */
    void list(String topic, List<DeadLetter> letters) {
        out.println(String.join("\t", LIST_COLUMNS));
        for (DeadLetter d : letters) {
            out.println(String.join("\t", String.valueOf(d.record().partition()), String.valueOf(d.record().offset()),
                    d.timestamp().toString(), orDash(d.originalTopic()), orDash(d.originalPartition().map(String::valueOf)),
                    orDash(d.originalOffset().map(String::valueOf)), orDash(d.eventType()), orDash(d.eventId()),
                    orDash(d.attempts()), orDash(d.reason())));
        }
        err.println(letters.size() + " dead letter(s) on " + topic);
    }

    void show(DeadLetter d, boolean withPayload) {
        out.println("topic:      " + d.record().topic());
        out.println("partition:  " + d.record().partition());
        out.println("offset:     " + d.record().offset());
        out.println("timestamp:  " + d.timestamp() + " (" + d.record().timestampType() + ")");
        out.println("key:        " + (d.record().key() == null ? "-" : bytes(d.record().key())));
        out.println("headers:");
        for (Header header : d.record().headers()) {
            out.println("  " + DeadLetterHeaders.printable(header.key()) + ": "
                    + (header.value() == null ? "-" : DeadLetterHeaders.display(header.key(), header.value())));
        }
        byte[] value = d.record().value();
        if (value == null) {
            out.println("payload:    none");
        } else if (!withPayload) {
            out.println("payload:    " + value.length + " bytes, not shown (add --payload to print it; "
                    + "it may hold clinical data)");
        } else {
            err.println(PAYLOAD_WARNING);
            out.println("payload:    " + value.length + " bytes");
            out.println(bytes(value));
        }
    }

    void replayed(DeadLetter d, String target) {
        out.println("replayed " + d.coordinates() + " -> " + target + " (ce_id " + orDash(d.eventId()) + ")");
    }

    void wouldReplay(DeadLetter d) {
        out.println("would replay " + d.coordinates() + " -> " + d.originalTopic().orElseThrow()
                + " (ce_id " + orDash(d.eventId()) + ")");
    }

    void skipped(DeadLetter d, String why) {
        err.println("skipped " + d.coordinates() + ": " + why);
    }

    void summary(String text) {
        err.println(text);
    }

    /** UTF-8 text when the bytes are valid UTF-8, otherwise base64 (random bytes must not garble the terminal). */
    private static String bytes(byte[] value) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
            if (text.codePoints().noneMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
                return text;
            }
        } catch (CharacterCodingException e) {
            // not text: fall through
        }
        return "base64:" + Base64.getEncoder().encodeToString(value);
    }

    private static String orDash(Optional<String> value) {
        return value.orElse("-");
    }
}
