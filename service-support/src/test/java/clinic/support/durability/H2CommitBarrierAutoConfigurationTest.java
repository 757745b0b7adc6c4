package clinic.support.durability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.jdbc.support.JdbcTransactionManager;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The barrier is on for an H2 file database, handed to Boot's transaction manager, and off otherwise. */
class H2CommitBarrierAutoConfigurationTest {

    final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            TransactionManagerCustomizationAutoConfiguration.class, H2CommitBarrierAutoConfiguration.class));

    @TempDir
    Path folder;

    @Test
    void anH2FileDatabaseGetsTheBarrierOnItsTransactionManager() {
        runner.withPropertyValues("spring.datasource.url=jdbc:h2:file:" + folder.resolve("db") + ";WRITE_DELAY=500")
                .run(context -> {
                    assertThat(context).hasSingleBean(H2CommitBarrier.class);
                    assertThat(context.getBean(JdbcTransactionManager.class).getTransactionExecutionListeners())
                            .contains(context.getBean(H2CommitBarrier.class));
                });
    }

    @Test
    void anInMemoryDatabaseNeedsNone() {
        runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:barrier-test")
                .run(context -> assertThat(context).doesNotHaveBean(H2CommitBarrier.class));
    }
}
