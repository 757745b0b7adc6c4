package clinic.intake.idempotency;

import clinic.support.security.Owner;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The keys that created reports, per owner, for {@code clinic.intake.idempotency.key-lifetime} (24 hours): a key
 * older than that is treated as unknown and its row purged. The primary key (owner kind, owner id, key hash) makes
 * the database the arbiter of concurrent retries: {@link #claim} runs in the report's transaction, so of two
 * requests with one key only one commits a report.
 */
@Service
public class IdempotencyKeys {

    private record Row(UUID reportId, String requestHash) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration lifetime;

    IdempotencyKeys(JdbcClient jdbc, Clock clock,
                    @Value("${clinic.intake.idempotency.key-lifetime:24h}") Duration lifetime) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * The report this owner's key created, if the key is known and unexpired and the request is the same.
     *
     * @throws IdempotencyKeyReused when the key was used for a different request
     */
    @Transactional(readOnly = true)
    public Optional<UUID> earlierReport(Owner owner, IdempotentRequest request) {
        Optional<Row> row = jdbc.sql("select report_id, request_hash from idempotency_key "
                        + "where owner_kind = ? and owner_id = ? and key_hash = ? and created_at > ?")
                .params(owner.kind().name(), owner.id(), request.key().hash(), at(expiredBefore()))
                .query((rs, n) -> new Row(rs.getObject("report_id", UUID.class), rs.getString("request_hash")))
                .optional();
        if (row.isPresent() && !row.get().requestHash().equals(request.fingerprint())) {
            throw new IdempotencyKeyReused(row.get().reportId());
        }
        return row.map(Row::reportId);
    }

    /**
     * Records that the key created this report, in the caller's transaction (the report's). An expired row of the
     * same key gives way. A concurrent request that claimed the key first makes this fail with the database's
     * unique violation (PostgreSQL after waiting for that request to commit).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void claim(Owner owner, IdempotentRequest request, UUID reportId) {
        jdbc.sql("delete from idempotency_key where owner_kind = ? and owner_id = ? and key_hash = ? and created_at <= ?")
                .params(owner.kind().name(), owner.id(), request.key().hash(), at(expiredBefore()))
                .update();
        jdbc.sql("insert into idempotency_key (owner_kind, owner_id, key_hash, request_hash, report_id, created_at) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(owner.kind().name(), owner.id(), request.key().hash(), request.fingerprint(), reportId,
                        at(clock.instant()))
                .update();
    }

    /** Deletes every expired key; returns how many. */
    @Transactional
    public int purgeExpired() {
        return jdbc.sql("delete from idempotency_key where created_at <= ?").param(at(expiredBefore())).update();
    }

    private Instant expiredBefore() {
        return clock.instant().minus(lifetime);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
