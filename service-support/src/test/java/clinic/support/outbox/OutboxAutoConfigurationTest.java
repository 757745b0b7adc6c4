package clinic.support.outbox;

import clinic.support.tracing.TracingAutoConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** Which outbox beans a service gets, by its settings. */
class OutboxAutoConfigurationTest {

    final DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:outbox-config", "sa", "");

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TracingAutoConfiguration.class, OutboxAutoConfiguration.class))
            .withBean(JdbcTemplate.class, () -> new JdbcTemplate(dataSource))
            .withBean(TransactionTemplate.class, () -> new TransactionTemplate(new DataSourceTransactionManager(dataSource)))
            .withBean(KafkaTemplate.class, () -> mock(KafkaTemplate.class))
            .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void aServiceGetsTheOutboxTheRelayTheGaugesAndTheHealthDetail() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(Outbox.class).hasSingleBean(OutboxRelay.class)
                    .hasSingleBean(OutboxMetrics.class).hasSingleBean(OutboxPurge.class);
            assertThat(context).hasBean("outboxHealthIndicator");
        });
    }

    @Test
    void anInstanceWithTheRelaySwitchedOffStillAppendsButNeverPublishes() {
        runner.withPropertyValues("clinic.outbox.relay.enabled=false").run(context -> {
            assertThat(context).hasSingleBean(Outbox.class).doesNotHaveBean(OutboxRelay.class);
        });
    }

    @Test
    void aServiceThatPublishesNothingHasNoOutboxAtAll() {
        runner.withPropertyValues("clinic.outbox.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(Outbox.class).doesNotHaveBean(OutboxRelay.class)
                    .doesNotHaveBean("outboxHealthIndicator");
        });
    }

    @Test
    void refusesAClaimTimeoutNoLongerThanTheSendTimeout() {
        runner.withPropertyValues("clinic.outbox.relay.send-timeout=30s", "clinic.outbox.relay.claim-timeout=30s")
                .run(context -> assertThat(context).hasFailed());
    }
}
