package clinic.triage.cds;

import clinic.events.triage.Disposition;
import clinic.events.triage.RulesetRef;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The cards we issued, so that feedback names a card we know (and one we gave to the same EHR). Only the card's
 * uuids, disposition and ruleset: nothing about the patient.
 */
@Repository
class IssuedCards {

    /** A card as feedback needs it. */
    record IssuedCard(UUID cardUuid, UUID suggestionUuid, Disposition disposition, String issuer) {
    }

    private final JdbcClient jdbc;

    IssuedCards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void remember(UUID card, UUID suggestion, Disposition disposition, RulesetRef ruleset, String issuer,
                  Instant issuedAt) {
        jdbc.sql("""
                        insert into cds_card (card_uuid, suggestion_uuid, disposition, ruleset_version, ruleset_hash,
                                              issuer, issued_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(card, suggestion, disposition.name(), ruleset.version(), ruleset.hash(), issuer,
                        Timestamp.from(issuedAt))
                .update();
    }

    Optional<IssuedCard> find(UUID card) {
        return jdbc.sql("select card_uuid, suggestion_uuid, disposition, issuer from cds_card where card_uuid = ?")
                .param(card)
                .query((row, n) -> new IssuedCard(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                        Disposition.valueOf(row.getString(3)), row.getString(4)))
                .optional();
    }
}
