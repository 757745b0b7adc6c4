package clinic.intake.ratelimit;

import clinic.support.security.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The quotas on their table (migration V11) in H2's PostgreSQL mode, as in local mode, on a clock the test moves
 * (no sleeping): refill, namespaces, per-client settings and the removal of expired buckets. The PostgreSQL
 * manager and two instances: {@link SharedQuotaTest}.
 */
class SubmissionRateLimiterTest {

    static final Actor PATIENT = new Actor("patient-a", "PATIENT");
    static final Actor OTHER_PATIENT = new Actor("patient-b", "PATIENT");

    final MovableClock clock = new MovableClock();
    final DataSource dataSource = database();
    final JdbcClient jdbc = JdbcClient.create(dataSource);
    final SubmissionBuckets buckets = new BucketStoreConfig().submissionBuckets(dataSource, clock);
    final SubmissionRateLimiter limiter = limiter(settings(true, Map.of()));

    @Test
    void theSubmissionAfterTheQuotaIsRefusedWithTheSecondsUntilTheNextOne() {
        acquire(PATIENT, 3);

        SubmissionsRateLimited refused = catchThrowableOfType(SubmissionsRateLimited.class,
                () -> limiter.acquire(PATIENT));

        assertThat(refused).isNotNull();
        assertThat(refused.getStatusCode().value()).isEqualTo(429);
        // 3 per minute: one comes back every 20 seconds
        assertThat(refused.retryAfterSeconds()).isEqualTo(20);
        assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("20");
    }

    @Test
    void anotherCallerIsNotAffected() {
        acquire(PATIENT, 3);
        assertThatThrownBy(() -> limiter.acquire(PATIENT)).isInstanceOf(SubmissionsRateLimited.class);

        acquire(OTHER_PATIENT, 3);
    }

    @Test
    void aPersonAndAClientWithTheSameIdCountApart() {
        Actor client = new Actor("shared-name", Actor.CLIENT);
        Actor person = new Actor("shared-name", "PATIENT");
        acquire(client, 5);
        assertThatThrownBy(() -> limiter.acquire(client)).isInstanceOf(SubmissionsRateLimited.class);

        acquire(person, 3);

        assertThat(jdbc.sql("select id from rate_limit_bucket order by id").query(String.class).list())
                .containsExactly("CLIENT:shared-name", "PERSON:shared-name");
    }

    @Test
    void aClientHasItsOwnQuotaElseTheDefaultForClients() {
        SubmissionRateLimiter configured = limiter(settings(true, Map.of("clinic-ehr", new Quota(8, 8,
                Duration.ofMinutes(1)))));

        for (int i = 0; i < 8; i++) {
            configured.acquire(new Actor("clinic-ehr", Actor.CLIENT));
        }
        assertThatThrownBy(() -> configured.acquire(new Actor("clinic-ehr", Actor.CLIENT)))
                .isInstanceOf(SubmissionsRateLimited.class);
        for (int i = 0; i < 5; i++) {
            configured.acquire(new Actor("other-system", Actor.CLIENT));
        }
        assertThatThrownBy(() -> configured.acquire(new Actor("other-system", Actor.CLIENT)))
                .isInstanceOf(SubmissionsRateLimited.class);
    }

    @Test
    void afterThePeriodTheCallerMaySubmitAFullBurstAgain() {
        acquire(PATIENT, 3);
        assertThatThrownBy(() -> limiter.acquire(PATIENT)).isInstanceOf(SubmissionsRateLimited.class);

        clock.advance(Duration.ofSeconds(20));
        limiter.acquire(PATIENT);
        assertThatThrownBy(() -> limiter.acquire(PATIENT)).as("one token per 20s")
                .isInstanceOf(SubmissionsRateLimited.class);

        clock.advance(Duration.ofMinutes(1));
        acquire(PATIENT, 3);
        assertThatThrownBy(() -> limiter.acquire(PATIENT)).isInstanceOf(SubmissionsRateLimited.class);
    }

    @Test
    void aRefusedAttemptDoesNotCount() {
        acquire(PATIENT, 3);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> limiter.acquire(PATIENT)).isInstanceOf(SubmissionsRateLimited.class);
        }

        clock.advance(Duration.ofSeconds(20));
        limiter.acquire(PATIENT);
    }

    @Test
    void bucketsExpireOnceFullAgainAndTheCleanupRemovesOnlyExpiredOnes() {
        long before = System.currentTimeMillis();
        acquire(PATIENT, 1);
        acquire(OTHER_PATIENT, 3);
        // a third of the bucket used: full again in 20 seconds, plus the minute's margin
        long expiresAt = jdbc.sql("select expires_at from rate_limit_bucket where id = 'PERSON:patient-a'")
                .query(Long.class).single();
        assertThat(expiresAt).isBetween(before + 80_000, System.currentTimeMillis() + 80_000);

        jdbc.sql("update rate_limit_bucket set expires_at = ? where id = 'PERSON:patient-b'")
                .param(System.currentTimeMillis() - 1).update();
        assertThat(BucketStoreConfig.removeExpired(buckets)).isEqualTo(1);

        assertThat(jdbc.sql("select id from rate_limit_bucket").query(String.class).list())
                .containsExactly("PERSON:patient-a");
        acquire(OTHER_PATIENT, 3);
    }

    @Test
    void whenDisabledNothingIsLimitedOrStored() {
        SubmissionRateLimiter off = limiter(settings(false, Map.of()));

        for (int i = 0; i < 50; i++) {
            off.acquire(PATIENT);
        }
        assertThat(jdbc.sql("select count(*) from rate_limit_bucket").query(Long.class).single()).isZero();
    }

    @Test
    void refusesQuotasThatCouldNeverAllowASubmission() {
        assertThatThrownBy(() -> new Quota(0, 1, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Quota(1, 0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Quota(5, 5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRetiredSettingsFailTheStartRatherThanBeingIgnored() {
        ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

        runner.withPropertyValues("clinic.intake.rate-limit.submissions=1000")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("clinic.intake.rate-limit.clients.clinic-ehr.capacity=500",
                        "clinic.intake.rate-limit.clients.clinic-ehr.refill-tokens=20",
                        "clinic.intake.rate-limit.clients.clinic-ehr.refill-period=1s")
                .run(context -> {
                    RateLimitProperties settings = context.getBean(RateLimitProperties.class);
                    assertThat(settings.clients()).containsEntry("clinic-ehr", new Quota(500, 20, Duration.ofSeconds(1)));
                    assertThat(settings.patients()).isEqualTo(new Quota(30, 30, Duration.ofMinutes(1)));
                });
    }

    @EnableConfigurationProperties(RateLimitProperties.class)
    static class Settings {
    }

    private void acquire(Actor actor, int times) {
        for (int i = 0; i < times; i++) {
            limiter.acquire(actor);
        }
    }

    private SubmissionRateLimiter limiter(RateLimitProperties settings) {
        return new SubmissionRateLimiter(settings, buckets);
    }

    /** Patients 3 a minute, clients by default 5 a minute. */
    private static RateLimitProperties settings(boolean enabled, Map<String, Quota> clients) {
        return new RateLimitProperties(enabled, new Quota(3, 3, Duration.ofMinutes(1)),
                new Quota(5, 5, Duration.ofMinutes(1)), clients, Duration.ofMinutes(5));
    }

    private static DataSource database() {
        DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:quotas-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/intake/V11__rate_limit_bucket.sql"))
                .execute(dataSource);
        return dataSource;
    }

    /** A clock that stands still until the test moves it. */
    static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-03-01T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
