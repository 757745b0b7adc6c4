package clinic.notification;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * Clinician alerts, patient notices and the delivery log. Consumes triage decisions and urgent reviews,
 * delivers them by email, webhook and the dashboard feed, and escalates alerts nobody acknowledges. Its
 * configuration lives in {@code notification.yml} so it can share a JVM with the other services.
 * All time decisions (deadlines, back-off) go through the {@link Clock} bean, which tests replace.
 */
@SpringBootApplication
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationApplication {

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(NotificationApplication.class).properties("spring.config.name=notification");
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
