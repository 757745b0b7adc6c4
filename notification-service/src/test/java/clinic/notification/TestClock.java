package clinic.notification;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;

/** Replaces the service's clock with the one {@link MutableClock} of this test JVM. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClock {

    public static final MutableClock CLOCK = new MutableClock();

    @Bean
    @Primary
    Clock mutableClock() {
        return CLOCK;
    }
}
