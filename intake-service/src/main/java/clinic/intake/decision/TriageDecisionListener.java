package clinic.intake.decision;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.events.IncomingEvent;
import clinic.events.triage.TriageDecisionMade;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Follows {@code clinic.triage-decisions.v1} so a report's status shows its triage outcome. Anything
 * that cannot be decoded raises {@code InvalidEventException} and is dead-lettered by the service's
 * one error handler (service-support's {@code KafkaErrorHandlingAutoConfiguration}).
 */
@Component
class TriageDecisionListener {

    private final EventCodec codec;
    private final DecisionRecorder recorder;

    TriageDecisionListener(EventCodec codec, DecisionRecorder recorder) {
        this.codec = codec;
        this.recorder = recorder;
    }

    @KafkaListener(id = "intake-triage-decisions", idIsGroup = false,
            topics = "#{T(clinic.events.ClinicTopics).TRIAGE_DECISIONS.name()}")
    void onDecision(ConsumerRecord<String, byte[]> record) {
        IncomingEvent<TriageDecisionMade> event =
                codec.decode(ClinicTopics.TRIAGE_DECISIONS, record.headers(), record.value());
        recorder.record(event);
    }
}
