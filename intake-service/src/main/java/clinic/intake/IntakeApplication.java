package clinic.intake;

import clinic.events.EventCodec;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/**
 * Patient intake: accepts heel-pain symptom reports over HTTP, stores them with an outbox row in one
 * transaction, relays the outbox to Kafka and follows triage decisions. Its configuration lives in
 * {@code intake.yml} (not {@code application.yml}) so it can share a JVM with the other services.
 */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class IntakeApplication {

    /** The CloudEvents {@code ce_source} of every event this service produces. */
    public static final String EVENT_SOURCE = "/clinic/intake-service";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(IntakeApplication.class).properties("spring.config.name=intake");
    }

    public static void main(String[] args) {
        application().run(args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventCodec eventCodec() {
        return new EventCodec(EVENT_SOURCE);
    }
}
