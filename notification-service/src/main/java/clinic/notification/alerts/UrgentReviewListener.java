package clinic.notification.alerts;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.events.IncomingEvent;
import clinic.events.triage.UrgentReviewRequested;
import clinic.notification.kafka.Events;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns urgent-review requests into clinician alerts. A listener (and so a consumer and container) of its
 * own: alerts never queue behind triage decisions. Failures are retried in place, never via retry
 * topics, so the order per report holds.
 */
@Component
class UrgentReviewListener {

    static final String ID = "notification-urgent-review-alerts";

    private final EventCodec codec;
    private final ClinicianAlerts alerts;

    UrgentReviewListener(EventCodec codec, ClinicianAlerts alerts) {
        this.codec = codec;
        this.alerts = alerts;
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = "#{T(clinic.events.ClinicTopics).URGENT_REVIEWS.name()}")
    void onUrgentReview(ConsumerRecord<String, byte[]> record) {
        IncomingEvent<UrgentReviewRequested> event =
                codec.decode(ClinicTopics.URGENT_REVIEWS, record.headers(), record.value());
        Events.requireSubjectIsReport(event, event.data().reportId());
        alerts.raise(event);
    }
}
