package clinic.notification.alerts;

import clinic.notification.log.NotificationRepository;
import clinic.notification.log.Priority;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code clinic.notification.escalations{priority}} and the gauge {@code clinic.notification.alerts.open}
 * (read from the database when scraped, so every instance reports the same number). No ids in tags.
 */
@Component
class AlertMetrics {

    private final MeterRegistry registry;

    AlertMetrics(MeterRegistry registry, NotificationRepository notifications) {
        this.registry = registry;
        Gauge.builder("clinic.notification.alerts.open", notifications, NotificationRepository::countOpenAlerts)
                .description("Clinician alerts not yet acknowledged").register(registry);
        counter(Priority.P1);
        counter(Priority.P2);
    }

    void escalated(Priority priority) {
        counter(priority).increment();
    }

    private Counter counter(Priority priority) {
        return Counter.builder("clinic.notification.escalations").description("Alert escalations")
                .tag("priority", priority.name()).register(registry);
    }
}
