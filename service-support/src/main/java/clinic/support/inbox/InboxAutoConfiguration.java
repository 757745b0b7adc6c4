package clinic.support.inbox;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

/** The {@link Inbox} of every service with a database; its table comes with the library's migrations. */
@AutoConfiguration
public class InboxAutoConfiguration {

    @Bean
    Inbox inbox(JdbcClient jdbc, ObjectProvider<Clock> clock) {
        return new Inbox(jdbc, clock.getIfAvailable(Clock::systemUTC));
    }
}
