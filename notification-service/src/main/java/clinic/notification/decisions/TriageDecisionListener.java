package clinic.notification.decisions;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.events.IncomingEvent;
import clinic.events.triage.TriageDecisionMade;
import clinic.notification.kafka.Events;
import clinic.support.kafka.RecordBatches;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Turns every triage decision into a patient notice, plus a routine-review item for ROUTINE_REVIEW; a polled batch
 * per transaction (service-support's {@link RecordBatches}), failures handled record by record.
 */
@Component
class TriageDecisionListener {

    static final String ID = "notification-decision-notices";

    private final EventCodec codec;
    private final DecisionNotices notices;
    private final RecordBatches batches;

    TriageDecisionListener(EventCodec codec, DecisionNotices notices, RecordBatches batches) {
        this.codec = codec;
        this.notices = notices;
        this.batches = batches;
    }

    @KafkaListener(id = ID, idIsGroup = false, batch = "true",
            topics = "#{T(clinic.events.ClinicTopics).TRIAGE_DECISIONS.name()}")
    void onDecisions(List<ConsumerRecord<String, byte[]>> records) {
        batches.inOneTransaction(records, this::onDecision);
    }

    private void onDecision(ConsumerRecord<String, byte[]> record) {
        IncomingEvent<TriageDecisionMade> event =
                codec.decode(ClinicTopics.TRIAGE_DECISIONS, record.headers(), record.value());
        Events.requireSubjectIsReport(event, event.data().reportId());
        notices.handle(event);
    }
}
