package clinic.triage.testing;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.events.EventType;
import clinic.events.IncomingEvent;
import clinic.events.OutgoingEvent;
import clinic.events.SubmittedBy;
import clinic.events.intake.IntakeAnswers;
import clinic.events.intake.SymptomReportSubmitted;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/** Symptom report events as the intake service sends them. */
public final class ReportEvents {

    private static final EventCodec INTAKE = new EventCodec("/clinic/intake-service");

    private ReportEvents() {
    }

    public static OutgoingEvent encoded(UUID reportId, IntakeAnswers answers) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return INTAKE.encode(ClinicTopics.SYMPTOM_REPORTS, reportId, new SymptomReportSubmitted(reportId, now,
                answers), now);
    }

    /** The Kafka record of an event, pinned to one partition. */
    public static ProducerRecord<String, byte[]> record(OutgoingEvent event, int partition) {
        ProducerRecord<String, byte[]> record = EventCodec.toProducerRecord(event);
        return new ProducerRecord<>(record.topic(), partition, record.key(), record.value(), record.headers());
    }

    /** The same report again under a new event id, as a replay by the producer might send it. */
    public static OutgoingEvent withNewEventId(OutgoingEvent event) {
        return new OutgoingEvent(UUID.randomUUID(), event.topic(), event.key(), event.type(), event.source(),
                event.time(), event.dataSchema(), event.payload());
    }

    /** A decoded event, for calling the service without Kafka. */
    public static IncomingEvent<SymptomReportSubmitted> incoming(UUID reportId, IntakeAnswers answers) {
        Instant now = Instant.now();
        return new IncomingEvent<>(UUID.randomUUID(), EventType.SYMPTOM_REPORT_SUBMITTED, "/clinic/intake-service",
                reportId.toString(), now, new SymptomReportSubmitted(reportId, now, answers));
    }

    /** A decoded event naming its submitter, as intake stamps it. */
    public static IncomingEvent<SymptomReportSubmitted> incoming(UUID reportId, IntakeAnswers answers,
                                                                 SubmittedBy submitter) {
        Instant now = Instant.now();
        return new IncomingEvent<>(UUID.randomUUID(), EventType.SYMPTOM_REPORT_SUBMITTED, "/clinic/intake-service",
                reportId.toString(), now, new SymptomReportSubmitted(reportId, now, answers),
                Map.of(SubmittedBy.ATTRIBUTE, submitter.attributeValue()));
    }
}
