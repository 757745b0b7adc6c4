package clinic.notification.alerts;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.events.IncomingEvent;
import clinic.events.triage.UrgentReviewRequested;
import clinic.notification.kafka.Events;
import clinic.support.kafka.RecordBatches;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Turns urgent-review requests into clinician alerts. A listener (and so a consumer and container) of its
 * own: alerts never queue behind triage decisions. A polled batch per transaction (service-support's
 * {@link RecordBatches}); failures are handled record by record and retried in place, never via retry topics, so
 * the order per report holds.
 */
@Component
class UrgentReviewListener {

    static final String ID = "notification-urgent-review-alerts";

    private final EventCodec codec;
    private final ClinicianAlerts alerts;
    private final RecordBatches batches;

    UrgentReviewListener(EventCodec codec, ClinicianAlerts alerts, RecordBatches batches) {
        this.codec = codec;
        this.alerts = alerts;
        this.batches = batches;
    }

    @KafkaListener(id = ID, idIsGroup = false, batch = "true",
            topics = "#{T(clinic.events.ClinicTopics).URGENT_REVIEWS.name()}")
    void onUrgentReviews(List<ConsumerRecord<String, byte[]>> records) {
        batches.inOneTransaction(records, this::onUrgentReview);
    }

    private void onUrgentReview(ConsumerRecord<String, byte[]> record) {
        IncomingEvent<UrgentReviewRequested> event =
                codec.decode(ClinicTopics.URGENT_REVIEWS, record.headers(), record.value());
        Events.requireSubjectIsReport(event, event.data().reportId());
        alerts.raise(event);
    }
}
