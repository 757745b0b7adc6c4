package clinic.triage.cds;

import clinic.support.fhir.FhirRequestException;
import clinic.triage.cds.FeedbackRequest.AcceptedSuggestion;
import clinic.triage.cds.FeedbackRequest.Entry;
import clinic.triage.cds.IssuedCards.IssuedCard;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Stores what clinicians did with our cards and counts it ({@code clinic_cds_feedback_total{outcome}}). The whole
 * request is checked before anything is stored: all entries or none. Feedback is accepted only for a card we issued
 * to the same EHR (issuer); any other card is a 404, so one EHR cannot learn or touch another's cards. The
 * clinician's comment is free text: stored (capped), never logged.
 */
@Service
class CdsFeedback {

    static final int MAX_ENTRIES = 50;
    private static final Logger log = LoggerFactory.getLogger(CdsFeedback.class);

    private final IssuedCards cards;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final int commentMaxLength;

    CdsFeedback(IssuedCards cards, JdbcClient jdbc, Clock clock, MeterRegistry metrics, CdsProperties properties) {
        this.cards = cards;
        this.jdbc = jdbc;
        this.clock = clock;
        this.metrics = metrics;
        this.commentMaxLength = properties.commentMaxLength();
    }

    private record Checked(Entry entry, UUID card, UUID suggestion, Instant outcomeAt) {
    }

    @Transactional
    void record(FeedbackRequest request, String issuer) {
        if (request == null || request.feedback() == null || request.feedback().isEmpty()
                || request.feedback().size() > MAX_ENTRIES) {
            throw bad("feedback must list 1 to " + MAX_ENTRIES + " entries");
        }
        List<Checked> checked = new ArrayList<>();
        for (int i = 0; i < request.feedback().size(); i++) {
            checked.add(check(request.feedback().get(i), "feedback[" + i + "]", issuer));
        }
        Instant receivedAt = clock.instant();
        for (Checked one : checked) {
            FeedbackRequest.OverrideReason reason = one.entry().overrideReason();
            jdbc.sql("""
                            insert into cds_feedback (feedback_id, card_uuid, outcome, accepted_suggestion,
                                                      override_system, override_code, user_comment, outcome_at,
                                                      received_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), one.card(), one.entry().outcome(), one.suggestion(),
                            reason == null || reason.reason() == null ? null : reason.reason().system(),
                            reason == null || reason.reason() == null ? null : reason.reason().code(),
                            reason == null ? null : reason.userComment(), Timestamp.from(one.outcomeAt()),
                            Timestamp.from(receivedAt))
                    .update();
            metrics.counter("clinic.cds.feedback", "outcome", one.entry().outcome()).increment();
            log.info("CDS feedback on card {}: {}", one.card(), one.entry().outcome());
        }
    }

    private Checked check(Entry entry, String at, String issuer) {
        if (entry == null) {
            throw bad(at + " must be an object");
        }
        UUID card = uuid(entry.card(), at + ".card");
        IssuedCard issued = cards.find(card).filter(found -> found.issuer().equals(issuer))
                .orElseThrow(() -> FhirRequestException.of(HttpStatus.NOT_FOUND, IssueType.NOTFOUND,
                        at + ".card is not a card this service issued to you"));
        if (!"accepted".equals(entry.outcome()) && !"overridden".equals(entry.outcome())) {
            throw bad(at + ".outcome must be 'accepted' or 'overridden'");
        }
        List<AcceptedSuggestion> accepted = entry.acceptedSuggestions() == null ? List.of()
                : entry.acceptedSuggestions();
        UUID suggestion = null;
        if (!accepted.isEmpty()) {
            if (!"accepted".equals(entry.outcome()) || accepted.size() > 1 || accepted.get(0) == null) {
                throw bad(at + ".acceptedSuggestions: only an accepted card has one, and ours have one suggestion");
            }
            suggestion = uuid(accepted.get(0).id(), at + ".acceptedSuggestions[0].id");
            if (!suggestion.equals(issued.suggestionUuid())) {
                throw bad(at + ".acceptedSuggestions[0].id is not a suggestion of this card");
            }
        }
        checkOverride(entry, at);
        return new Checked(entry, card, suggestion, instant(entry.outcomeTimestamp(), at + ".outcomeTimestamp"));
    }

    private void checkOverride(Entry entry, String at) {
        FeedbackRequest.OverrideReason reason = entry.overrideReason();
        if (reason == null) {
            return;
        }
        if (!"overridden".equals(entry.outcome())) {
            throw bad(at + ".overrideReason is only for an overridden card");
        }
        if (reason.reason() != null && TriageCards.OVERRIDE_REASONS.stream().noneMatch(offered ->
                offered.system().equals(reason.reason().system())
                        && offered.code().equals(reason.reason().code()))) {
            throw bad(at + ".overrideReason.reason must be one of the card's overrideReasons");
        }
        if (reason.userComment() != null && reason.userComment().length() > commentMaxLength) {
            throw bad(at + ".overrideReason.userComment is longer than " + commentMaxLength + " characters");
        }
    }

    private static UUID uuid(String value, String at) {
        try {
            return UUID.fromString(Objects.requireNonNull(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw bad(at + " must be a UUID");
        }
    }

    private static Instant instant(String value, String at) {
        try {
            return OffsetDateTime.parse(Objects.requireNonNull(value)).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw bad(at + " must be a date-time with an offset, e.g. 2026-01-31T10:15:30Z");
        }
    }

    private static FhirRequestException bad(String diagnostics) {
        return FhirRequestException.invalid(HttpStatus.BAD_REQUEST, null, diagnostics);
    }
}
