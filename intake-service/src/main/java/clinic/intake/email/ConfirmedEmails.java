package clinic.intake.email;

import clinic.support.security.Owner;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Which email addresses a person has shown to be theirs, and the links that let them show it. Health details go
 * only to a confirmed address (the notification service asks through the contact lookup); an unconfirmed one
 * gets a "report received" email carrying a link instead. A link confirms only when opened by the person who
 * submitted the report: holding the mailbox alone is not enough, nor is being signed in alone.
 */
@Service
public class ConfirmedEmails {

    /** What opening a confirmation link found. */
    public enum LinkState { UNKNOWN, NOT_YOURS, EXPIRED, OPEN, CONFIRMED }

    /** A link's state and, where it is the reader's, its report and address. */
    public record Link(LinkState state, UUID reportId, String email) {
        static Link of(LinkState state) {
            return new Link(state, null, null);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration linkLifetime;

    ConfirmedEmails(JdbcClient jdbc, Clock clock,
                    @Value("${clinic.intake.email-confirmation.link-lifetime:7d}") Duration linkLifetime) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.linkLifetime = linkLifetime;
    }

    @Transactional(readOnly = true)
    public boolean isConfirmed(Owner owner, String email) {
        return jdbc.sql("select count(*) from confirmed_email where owner_kind = ? and owner_id = ? and email = ?")
                .params(owner.kind().name(), owner.id(), VerifiedEmail.normalized(email))
                .query(Long.class).single() > 0;
    }

    /** Records the address as the owner's; a second call for the same address changes nothing. */
    @Transactional
    public void remember(Owner owner, String email) {
        if (!isConfirmed(owner, email)) {
            jdbc.sql("insert into confirmed_email (owner_kind, owner_id, email, confirmed_at) values (?, ?, ?, ?)")
                    .params(owner.kind().name(), owner.id(), VerifiedEmail.normalized(email), now())
                    .update();
        }
    }

    /**
     * A new link for confirming the address of a report; returns the token that goes into it (random, 256 bits).
     * Only its hash is stored. Every lookup may issue one (a retried send included): each stays valid until it
     * expires, and any of them confirms the same address.
     */
    @Transactional
    public String issueLink(UUID reportId, Owner owner, String email) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        OffsetDateTime now = now();
        jdbc.sql("""
                        insert into email_confirmation (token_hash, report_id, owner_kind, owner_id, email, created_at,
                                                        expires_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(hash(token), reportId, owner.kind().name(), owner.id(), VerifiedEmail.normalized(email), now,
                        now.plus(linkLifetime))
                .update();
        return token;
    }

    /** What the link of this token is, for this reader; someone else's link looks like an unknown one to them. */
    @Transactional(readOnly = true)
    public Link open(String token, Owner reader) {
        return find(token, reader);
    }

    /** Confirms the link's address for its owner, if the link is the reader's and still valid. */
    @Transactional
    public Link confirm(String token, Owner reader) {
        Link link = find(token, reader);
        if (link.state() != LinkState.OPEN) {
            return link;
        }
        remember(reader, link.email());
        jdbc.sql("update email_confirmation set confirmed_at = ? where token_hash = ?")
                .params(now(), hash(token)).update();
        return new Link(LinkState.CONFIRMED, link.reportId(), link.email());
    }

    private Link find(String token, Owner reader) {
        if (token == null || token.length() > 100) {
            return Link.of(LinkState.UNKNOWN);
        }
        Optional<Row> found = jdbc.sql("""
                        select report_id, owner_kind, owner_id, email, expires_at, confirmed_at
                        from email_confirmation where token_hash = ?""")
                .param(hash(token))
                .query((rs, n) -> new Row(rs.getObject("report_id", UUID.class),
                        Owner.stored(rs.getString("owner_kind"), rs.getString("owner_id")), rs.getString("email"),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("confirmed_at", OffsetDateTime.class) != null))
                .optional();
        if (found.isEmpty()) {
            return Link.of(LinkState.UNKNOWN);
        }
        Row row = found.get();
        if (!row.owner().equals(reader)) {
            return Link.of(LinkState.NOT_YOURS);
        }
        if (row.confirmed() || isConfirmed(reader, row.email())) {
            return new Link(LinkState.CONFIRMED, row.reportId(), row.email());
        }
        if (!now().toInstant().isBefore(row.expiresAt())) {
            return Link.of(LinkState.EXPIRED);
        }
        return new Link(LinkState.OPEN, row.reportId(), row.email());
    }

    private record Row(UUID reportId, Owner owner, String email, Instant expiresAt, boolean confirmed) {
    }

    /** An offset date-time, which every JDBC driver binds to {@code timestamp with time zone}; Instant is not. */
    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
