package clinic.notification.alerts;

import clinic.notification.log.NotificationRepository;
import clinic.notification.log.Priority;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code clinic.notification.escalations{priority}}; the gauges {@code clinic.alerts.open{priority}},
 * {@code clinic.alerts.overdue{priority}} (open past the acknowledgement deadline of
 * {@code clinic.notification.escalation.deadline.*}, whether or not the escalation job has run: an alert rule on it
 * still fires when escalation itself is stuck) and {@code clinic.alerts.escalated{priority}} (open, escalated at
 * least once), all read from the database when scraped, so every instance reports the same numbers; and the timer
 * {@code clinic.alert.acknowledgement{priority}}, raised to acknowledged, with SLO buckets for the dashboards. The
 * last two have fixed names ({@code clinic_alerts_open}, {@code clinic_alert_acknowledgement_seconds}): dashboards
 * and alert rules rely on them. No ids in tags.
 */
@Component
class AlertMetrics {

    private final MeterRegistry registry;

    AlertMetrics(MeterRegistry registry, NotificationRepository notifications, EscalationPolicy policy, Clock clock) {
        this.registry = registry;
        for (Priority priority : List.of(Priority.P1, Priority.P2)) {
            Gauge.builder("clinic.alerts.open", notifications, repository -> repository.countOpenAlerts(priority))
                    .description("Clinician alerts not yet acknowledged").tag("priority", priority.name())
                    .register(registry);
            Gauge.builder("clinic.alerts.overdue", notifications, repository -> repository.countOverdueAlerts(
                            priority, clock.instant().minus(policy.deadline(priority))))
                    .description("Clinician alerts not acknowledged within their deadline")
                    .tag("priority", priority.name()).register(registry);
            Gauge.builder("clinic.alerts.escalated", notifications,
                            repository -> repository.countEscalatedAlerts(priority))
                    .description("Open clinician alerts escalated at least once").tag("priority", priority.name())
                    .register(registry);
            counter(priority);
            acknowledgement(priority);
        }
    }

    /** An alert was acknowledged (the first time) this long after it was raised. */
    void acknowledged(Priority priority, Duration afterRaised) {
        acknowledgement(priority).record(afterRaised);
    }

    private Timer acknowledgement(Priority priority) {
        return Timer.builder("clinic.alert.acknowledgement").description("Clinician alerts: raised to acknowledged")
                .tag("priority", priority.name())
                .serviceLevelObjectives(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
                        Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(4))
                .register(registry);
    }

    void escalated(Priority priority) {
        counter(priority).increment();
    }

    private Counter counter(Priority priority) {
        return Counter.builder("clinic.notification.escalations").description("Alert escalations")
                .tag("priority", priority.name()).register(registry);
    }
}
