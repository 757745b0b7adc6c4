package clinic.notification;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * Clinician alerts, patient notices and the delivery log. Consumes triage decisions and urgent reviews;
 * its configuration lives in {@code notification.yml} so it can share a JVM with the other services.
 */
@SpringBootApplication
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
