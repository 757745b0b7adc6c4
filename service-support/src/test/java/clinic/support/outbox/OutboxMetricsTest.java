package clinic.support.outbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The backlog as gauges and as the readiness detail: counts and ages only, no tags. */
class OutboxMetricsTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void reportsHowManyEventsWaitAndHowLongTheOldestHasWaited() {
        OutboxTestDatabase database = OutboxTestDatabase.h2();
        List<UUID> rows = database.insertPending(3, NOW.minusSeconds(90));
        database.jdbc().update("update outbox_event set sent_at = ? where id = ?", Timestamp.from(NOW), rows.get(0));
        new OutboxMetrics(database.store(), clock).bindTo(registry);

        assertThat(registry.get("clinic.outbox.pending").gauge().value()).isEqualTo(2.0);
        // the oldest still pending is the second row, written 89.999 s ago
        assertThat(registry.get("clinic.outbox.oldest.pending.age").gauge().value()).isEqualTo(89.999);
        assertThat(registry.get("clinic.outbox.oldest.pending.age").gauge().getId().getBaseUnit())
                .isEqualTo("seconds");
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags()).isEmpty());
    }

    @Test
    void reportsAZeroAgeWhenNothingWaits() {
        new OutboxMetrics(OutboxTestDatabase.h2().store(), clock).bindTo(registry);

        assertThat(registry.get("clinic.outbox.pending").gauge().value()).isZero();
        assertThat(registry.get("clinic.outbox.oldest.pending.age").gauge().value()).isZero();
    }

    @Test
    void reportsUnknownInsteadOfFailingWhenTheDatabaseIsDown() {
        OutboxStore unreachable = new OutboxStore(new JdbcTemplate(
                new DriverManagerDataSource("jdbc:h2:mem:missing;IFEXISTS=TRUE", "sa", "")));
        new OutboxMetrics(unreachable, clock).bindTo(registry);

        assertThat(registry.get("clinic.outbox.pending").gauge().value()).isNaN();
        assertThat(registry.get("clinic.outbox.oldest.pending.age").gauge().value()).isNaN();
        assertThat(new OutboxHealthIndicator(unreachable, clock).health().getStatus()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void readinessDetailShowsTheBacklogButStaysUpHoweverLargeItGrows() {
        OutboxTestDatabase database = OutboxTestDatabase.h2();
        database.insertPending(250, NOW.minus(Duration.ofHours(2)));

        Health health = new OutboxHealthIndicator(database.store(), clock).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("pending", 250L).containsEntry("oldestPendingAgeSeconds", 7200L);
    }
}
