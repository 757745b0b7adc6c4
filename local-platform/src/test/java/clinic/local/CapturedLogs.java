package clinic.local;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A logback appender (declared in logback-test.xml) that keeps every log event of this JVM as text
 * while recording is on: message pattern, arguments, formatted message, MDC, key-value pairs, markers
 * and the whole throwable with its causes. Off by default, so the other tests of the module keep no
 * events. Static because logback creates a new instance each time Spring Boot reloads the configuration.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> {

    /** One event as text, with where it came from, for a readable failure message. */
    record Line(String level, String logger, String text) {
    }

    private static final ConcurrentLinkedQueue<Line> LINES = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<String> JSON_LINES = new ConcurrentLinkedQueue<>();
    private static volatile boolean recording;

    static void startRecording() {
        LINES.clear();
        JSON_LINES.clear();
        recording = true;
    }

    static void stopRecording() {
        recording = false;
        LINES.clear();
        JSON_LINES.clear();
    }

    static List<Line> lines() {
        return new ArrayList<>(LINES);
    }

    /** The same events as the services write them in compose and Kubernetes: ECS JSON, one object per line. */
    static List<String> jsonLines() {
        return new ArrayList<>(JSON_LINES);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!recording) {
            return;
        }
        StringBuilder text = new StringBuilder()
                .append(event.getThreadName()).append(' ')
                .append(event.getMessage()).append(" | ")
                .append(event.getFormattedMessage());
        if (event.getArgumentArray() != null) {
            text.append(" | args=").append(Arrays.deepToString(event.getArgumentArray()));
        }
        if (!event.getMDCPropertyMap().isEmpty()) {
            text.append(" | mdc=").append(event.getMDCPropertyMap());
        }
        if (event.getKeyValuePairs() != null) {
            text.append(" | kv=").append(event.getKeyValuePairs());
        }
        if (event.getMarkerList() != null) {
            text.append(" | markers=").append(event.getMarkerList());
        }
        if (event.getThrowableProxy() != null) {
            // the stack trace text with every "Caused by" and suppressed exception and their messages
            text.append(" | ").append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        LINES.add(new Line(event.getLevel().toString(), event.getLoggerName(), text.toString()));
    }

    /**
     * A second appender (logback-test.xml) that keeps each event as Spring Boot's {@code StructuredLogEncoder} with
     * format {@code ecs} writes it: the encoder behind {@code logging.structured.format.*}. That encoder needs the
     * Spring Environment Boot puts into the logger context, which is not there when logback first reads its file
     * (before any service starts: declared in the file, it failed with a stack trace in every test JVM), so it is
     * made here on the first event after Boot has configured logging. Nothing is recorded before that anyway.
     */
    public static final class Json extends AppenderBase<ILoggingEvent> {

        private volatile Encoder<ILoggingEvent> encoder;

        @Override
        protected void append(ILoggingEvent event) {
            Encoder<ILoggingEvent> ecs = recording ? encoder() : null;
            if (ecs != null) {
                JSON_LINES.add(new String(ecs.encode(event), StandardCharsets.UTF_8).strip());
            }
        }

        /** Made once (checked without a lock first: every log event of the JVM passes here). */
        private Encoder<ILoggingEvent> encoder() {
            Encoder<ILoggingEvent> made = encoder;
            if (made != null || getContext().getObject(Environment.class.getName()) == null) {
                return made;
            }
            synchronized (this) {
                if (encoder == null) {
                    StructuredLogEncoder ecs = new StructuredLogEncoder();
                    ecs.setContext(getContext());
                    ecs.setFormat("ecs");
                    ecs.setCharset(StandardCharsets.UTF_8);
                    ecs.start();
                    encoder = ecs;
                }
                return encoder;
            }
        }
    }
}
