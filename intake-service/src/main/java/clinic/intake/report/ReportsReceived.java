package clinic.intake.report;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code clinic_reports_received_total{channel="api"|"form"}}: new reports stored, by the way they came in. A fixed
 * name (dashboards and alert rules rely on it); a replayed submission is not a new report and is not counted. Both
 * series exist from start-up, at 0, so a rate over them is defined before the first report.
 */
@Component
class ReportsReceived {

    /** How a report came in: the JSON API or the patients' web form. */
    enum Channel { API, FORM, FHIR }

    private final Map<Channel, Counter> counters = new EnumMap<>(Channel.class);

    ReportsReceived(MeterRegistry registry) {
        for (Channel channel : Channel.values()) {
            counters.put(channel, Counter.builder("clinic.reports.received")
                    .description("New symptom reports stored, by channel")
                    .tag("channel", channel.name().toLowerCase(Locale.ROOT)).register(registry));
        }
    }

    void received(Channel channel) {
        counters.get(channel).increment();
    }
}
