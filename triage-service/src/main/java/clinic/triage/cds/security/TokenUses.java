package clinic.triage.cds.security;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * The {@code jti} of every EHR token accepted, until it expires. In the database rather than in memory, so that a
 * token replayed against another instance of triage, or after a restart, is refused too: the primary key decides.
 */
@Component
class TokenUses {

    private final JdbcClient jdbc;

    TokenUses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time; false for a jti of this issuer seen before (a replay). */
    boolean firstUse(String issuer, String jti, Instant expiresAt, Instant now) {
        // a used jti is only needed while its token could still be accepted
        jdbc.sql("delete from cds_token_use where expires_at < ?").param(Timestamp.from(now)).update();
        try {
            jdbc.sql("insert into cds_token_use (issuer, jti, expires_at) values (?, ?, ?)")
                    .params(issuer, jti, Timestamp.from(expiresAt)).update();
            return true;
        } catch (DuplicateKeyException replay) {
            return false;
        }
    }
}
