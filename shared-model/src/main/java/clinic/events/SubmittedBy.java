package clinic.events;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who submitted a report, as the CloudEvents extension attribute {@code submittedby} ({@code ce_submittedby}
 * header) of the report event and of every event triage derives from it. It lets triage and notification
 * apply the same ownership rule as intake without asking intake: a machine client reads only the reports it
 * submitted.
 * <p>
 * Values: {@code client:<client id>} for a machine client (a clinic integration), {@code person} for a person
 * (a patient through the form or the API). A person's subject is deliberately not carried: people read their
 * reports in intake only, so the other services never need it, and it stays out of every topic.
 *
 * @param kind     PERSON or CLIENT
 * @param clientId the client's id; null for a person
 */
public record SubmittedBy(Kind kind, String clientId) {

    public enum Kind { PERSON, CLIENT }

    public static final String ATTRIBUTE = "submittedby";

    private static final String CLIENT_PREFIX = "client:";
    private static final String PERSON = "person";
    /** Client ids as issuers make them (Keycloak, Spring Authorization Server); nothing else is trusted. */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,200}");

    public SubmittedBy {
        if (kind == Kind.CLIENT && (clientId == null || !CLIENT_ID.matcher(clientId).matches())) {
            throw new IllegalArgumentException("A client submitter needs a plain client id");
        }
        if (kind == Kind.PERSON && clientId != null) {
            throw new IllegalArgumentException("A person submitter carries no id");
        }
    }

    public static SubmittedBy person() {
        return new SubmittedBy(Kind.PERSON, null);
    }

    public static SubmittedBy client(String clientId) {
        return new SubmittedBy(Kind.CLIENT, clientId);
    }

    /** A client submitter, or empty for an id the attribute cannot carry (never the case for ids issuers make). */
    public static Optional<SubmittedBy> clientIfPlain(String clientId) {
        return clientId != null && CLIENT_ID.matcher(clientId).matches() ? Optional.of(client(clientId))
                : Optional.empty();
    }

    public String attributeValue() {
        return kind == Kind.CLIENT ? CLIENT_PREFIX + clientId : PERSON;
    }

    /** The attribute's value read back; empty for anything malformed. */
    public static Optional<SubmittedBy> parse(String value) {
        if (PERSON.equals(value)) {
            return Optional.of(person());
        }
        if (value != null && value.startsWith(CLIENT_PREFIX)) {
            return clientIfPlain(value.substring(CLIENT_PREFIX.length()));
        }
        return Optional.empty();
    }

    /**
     * The submitter an incoming event names. Empty when it names none (events published before the attribute
     * existed) or a malformed one: the event is still processed, and its report is then for clinicians only.
     * Refusing it instead would dead-letter a report that may carry red flags.
     */
    public static Optional<SubmittedBy> of(IncomingEvent<?> event) {
        return event.extension(ATTRIBUTE).flatMap(SubmittedBy::parse);
    }

    /** The event, stamped with this submitter. */
    public OutgoingEvent stamp(OutgoingEvent event) {
        return event.withExtension(ATTRIBUTE, attributeValue());
    }
}
