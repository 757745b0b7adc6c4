package clinic.support.audit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * The audit trail of a servlet service with a database: the store over {@code audit_event} (its table comes
 * with the shared migrations, {@code clinic.support.schema}), the operations endpoint, and that endpoint's own
 * audited route. A service adds its routes as an {@link AuditedRoutes} bean and the filter to its chains with
 * {@link AuditTrail}.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass({JdbcClient.class, HttpSecurity.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnSingleCandidate(DataSource.class)
public class AuditTrailAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AuditEvents auditEvents(DataSource dataSource, ObjectProvider<Clock> clock,
                            ObjectProvider<PlatformTransactionManager> transactions) {
        return new AuditEvents(JdbcClient.create(dataSource), clock.getIfAvailable(Clock::systemUTC),
                transactions.getIfAvailable() == null ? TransactionOperations.withoutTransaction()
                        : new TransactionTemplate(transactions.getIfAvailable()));
    }

    @Bean
    AuditEventsController auditEventsController(AuditEvents events) {
        return new AuditEventsController(events);
    }

    /** Reading the trail is audited too, under the object asked about, whatever the method. */
    @Bean
    AuditedRoutes auditTrailRoutes() {
        return AuditedRoutes.of(AuditedRoute.anyMethod(AuditEventsController.PATH, "AUDIT_READ")
                .idFromParameter("objectId"));
    }
}
