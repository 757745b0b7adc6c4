package clinic.triage.decision;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.support.kafka.RecordBatches;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Consumes {@code clinic.symptom-reports.v1}, a polled batch per transaction (service-support's
 * {@link RecordBatches}). A record that cannot be decoded throws InvalidEventException and is dead-lettered alone
 * by the error handler (service-support's KafkaErrorHandlingAutoConfiguration).
 */
@Component
class SymptomReportListener {

    private final EventCodec codec;
    private final Triage triage;
    private final RecordBatches batches;

    SymptomReportListener(EventCodec codec, Triage triage, RecordBatches batches) {
        this.codec = codec;
        this.triage = triage;
        this.batches = batches;
    }

    @KafkaListener(id = "triage-symptom-reports", groupId = Triage.CONSUMER, batch = "true",
            topics = "#{T(clinic.events.ClinicTopics).SYMPTOM_REPORTS.name()}")
    void onSymptomReports(List<ConsumerRecord<String, byte[]>> records) {
        batches.inOneTransaction(records, this::onSymptomReport);
    }

    private void onSymptomReport(ConsumerRecord<String, byte[]> record) {
        triage.decide(codec.decode(ClinicTopics.SYMPTOM_REPORTS, record.headers(), record.value()));
    }
}
