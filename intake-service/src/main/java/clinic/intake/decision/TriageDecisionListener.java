package clinic.intake.decision;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.events.IncomingEvent;
import clinic.events.triage.TriageDecisionMade;
import clinic.support.kafka.RecordBatches;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Follows {@code clinic.triage-decisions.v1} so a report's status shows its triage outcome, a polled batch per
 * transaction (service-support's {@link RecordBatches}). Anything that cannot be decoded raises
 * {@code InvalidEventException} and is dead-lettered alone by the service's one error handler (service-support's
 * {@code KafkaErrorHandlingAutoConfiguration}).
 */
@Component
class TriageDecisionListener {

    private final EventCodec codec;
    private final DecisionRecorder recorder;
    private final RecordBatches batches;

    TriageDecisionListener(EventCodec codec, DecisionRecorder recorder, RecordBatches batches) {
        this.codec = codec;
        this.recorder = recorder;
        this.batches = batches;
    }

    @KafkaListener(id = "intake-triage-decisions", idIsGroup = false, batch = "true",
            topics = "#{T(clinic.events.ClinicTopics).TRIAGE_DECISIONS.name()}")
    void onDecisions(List<ConsumerRecord<String, byte[]>> records) {
        batches.inOneTransaction(records, this::onDecision);
    }

    private void onDecision(ConsumerRecord<String, byte[]> record) {
        IncomingEvent<TriageDecisionMade> event =
                codec.decode(ClinicTopics.TRIAGE_DECISIONS, record.headers(), record.value());
        recorder.record(event);
    }
}
