package clinic.intake.kafka;

import clinic.events.ClinicTopics;
import clinic.intake.decision.UnknownReportException;
import clinic.support.kafka.PermanentFailures;
import clinic.support.kafka.ServiceTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Intake on Kafka: it publishes symptom reports (through the outbox) and follows triage decisions. The error
 * handling, dead letters and relay are service-support's; what is intake's own is said here.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    @Bean
    ServiceTopics intakeTopics() {
        return ServiceTopics.of(ClinicTopics.SYMPTOM_REPORTS, ClinicTopics.TRIAGE_DECISIONS);
    }

    /** A decision for a report intake never stored cannot be an ordering race (reports commit first): no retry. */
    @Bean
    PermanentFailures intakePermanentFailures() {
        return PermanentFailures.of(UnknownReportException.class);
    }
}
