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

    /** Jakarta Mail's system property that names its stream provider. */
    static final String MAIL_STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    public static SpringApplicationBuilder application() {
        preferDirectMailStreams();
        return new SpringApplicationBuilder(NotificationApplication.class).properties("spring.config.name=notification");
    }

    /**
     * Names Angus Mail's stream provider outright (unless set already). Without it Jakarta Mail 2.1 runs a
     * ServiceLoader lookup through every jar for each body part it creates or writes: 12% of the local platform's
     * CPU at 200 reports/s (issue 14's profile), on the sending side and in the local mail server alike.
     */
    public static void preferDirectMailStreams() {
        if (System.getProperty(MAIL_STREAM_PROVIDER) == null) {
            System.setProperty(MAIL_STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
