package clinic.triage.decision;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code clinic.symptom-reports.v1}. A record that cannot be decoded throws
 * InvalidEventException and is dead-lettered by the error handler (service-support's KafkaErrorHandlingAutoConfiguration).
 */
@Component
class SymptomReportListener {

    private final EventCodec codec;
    private final Triage triage;

    SymptomReportListener(EventCodec codec, Triage triage) {
        this.codec = codec;
        this.triage = triage;
    }

    @KafkaListener(id = "triage-symptom-reports", groupId = Triage.CONSUMER,
            topics = "#{T(clinic.events.ClinicTopics).SYMPTOM_REPORTS.name()}")
    void onSymptomReport(ConsumerRecord<String, byte[]> record) {
        triage.decide(codec.decode(ClinicTopics.SYMPTOM_REPORTS, record.headers(), record.value()));
    }
}
