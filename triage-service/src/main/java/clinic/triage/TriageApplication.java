package clinic.triage;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * Heel-pain triage: consumes symptom reports, decides with the rules engine, stores the decision and
 * publishes it through the outbox. Its configuration lives in {@code triage.yml} so it can share a JVM
 * with the other services.
 */
@SpringBootApplication
public class TriageApplication {

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(TriageApplication.class).properties("spring.config.name=triage");
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
