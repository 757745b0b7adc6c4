package clinic.notification.decisions;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.events.IncomingEvent;
import clinic.events.triage.TriageDecisionMade;
import clinic.notification.kafka.Events;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Turns every triage decision into a patient notice, plus a routine-review item for ROUTINE_REVIEW. */
@Component
class TriageDecisionListener {

    static final String ID = "notification-decision-notices";

    private final EventCodec codec;
    private final DecisionNotices notices;

    TriageDecisionListener(EventCodec codec, DecisionNotices notices) {
        this.codec = codec;
        this.notices = notices;
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = "#{T(clinic.events.ClinicTopics).TRIAGE_DECISIONS.name()}")
    void onDecision(ConsumerRecord<String, byte[]> record) {
        IncomingEvent<TriageDecisionMade> event =
                codec.decode(ClinicTopics.TRIAGE_DECISIONS, record.headers(), record.value());
        Events.requireSubjectIsReport(event, event.data().reportId());
        notices.handle(event);
    }
}
