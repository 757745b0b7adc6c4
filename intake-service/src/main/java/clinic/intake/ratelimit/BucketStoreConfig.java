package clinic.intake.ratelimit;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import javax.sql.DataSource;
import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Where the submission buckets live: the {@code rate_limit_bucket} table of the service's own database
 * (migration V11), through Bucket4j's JDBC backend, so that every instance counts against the same quota.
 * <p>
 * On PostgreSQL, Bucket4j's select-for-update proxy manager: a bucket is a row locked for the length of one
 * short transaction, keyed by its own id. Its advisory-lock sibling would need a numeric lock id hashed from
 * the key (two callers may then share a lock) in the lock space Flyway also uses, for no gain here. On H2 (local
 * mode, one instance per database file) neither PostgreSQL manager runs: H2 has no advisory locks and, even in
 * PostgreSQL mode, no {@code ON CONFLICT (column)}; {@link H2SelectForUpdateProxyManager} is the same protocol
 * on Bucket4j's generic select-for-update base.
 * <p>
 * A row expires once its bucket would be full again (plus a minute for clocks of different instances): it is
 * then no different from a new bucket, and {@link #expiredBucketCleanup} removes it, so idle callers do not
 * grow the table.
 */
@Configuration(proxyBeanMethods = false)
class BucketStoreConfig {

    static final String TABLE = "rate_limit_bucket";
    /** Rows removed per statement, so a cleanup never holds many row locks at once. */
    static final int CLEANUP_BATCH = 1_000;
    static final ExpirationAfterWriteStrategy EXPIRATION =
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1));

    private static final Logger log = LoggerFactory.getLogger(BucketStoreConfig.class);

    @Bean
    SubmissionBuckets submissionBuckets(DataSource dataSource, Clock clock) {
        TimeMeter time = timeOf(clock);
        String database = productName(dataSource);
        if ("PostgreSQL".equals(database)) {
            return SubmissionBuckets.of(Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                    .primaryKeyMapper(PrimaryKeyMapper.STRING)
                    .table(TABLE)
                    .expirationAfterWrite(EXPIRATION)
                    .clientClock(time)
                    .build());
        }
        if ("H2".equals(database)) {
            return SubmissionBuckets.of(new H2SelectForUpdateProxyManager(dataSource, TABLE,
                    ClientSideConfig.getDefault().withClientClock(time).withExpirationAfterWriteStrategy(EXPIRATION)));
        }
        throw new IllegalStateException("No submission buckets for a " + database + " database (PostgreSQL or H2)");
    }

    @Bean
    SchedulingConfigurer expiredBucketCleanup(SubmissionBuckets buckets, RateLimitProperties settings) {
        return registrar -> registrar.addFixedDelayTask(() -> removeExpired(buckets), settings.cleanupInterval());
    }

    /** Removes every expired bucket, a batch at a time; a failure waits for the next run. */
    static int removeExpired(SubmissionBuckets buckets) {
        int total = 0;
        try {
            int removed;
            do {
                removed = buckets.expired().removeExpired(CLEANUP_BATCH);
                total += removed;
            } while (removed == CLEANUP_BATCH);
        } catch (RuntimeException e) {
            log.warn("Removing expired submission buckets failed; next run will retry: {}", e.toString());
        }
        if (total > 0) {
            log.debug("Removed {} expired submission buckets", total);
        }
        return total;
    }

    /** Bucket4j's clock from the service's, so tests can move it. */
    static TimeMeter timeOf(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    private static String productName(DataSource dataSource) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell the database of the submission buckets", e);
        }
    }
}
