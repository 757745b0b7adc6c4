package clinic.support.security;

import clinic.events.SubmittedBy;

import java.util.List;
import java.util.Optional;

/**
 * Who a stored resource (a report, its decision, its notifications) belongs to, and the one rule every service
 * applies to it: staff in the given roles read everything, anyone else only what they own, and a resource
 * with no recorded owner is for staff only. A person's subject and a machine client's id live in different
 * namespaces ({@link Kind}), so a user named like a client never owns that client's resources.
 *
 * @param kind PERSON or CLIENT
 * @param id   the person's subject or the client's id; null where it was not recorded (then nobody owns it)
 */
public record Owner(Kind kind, String id) {

    public enum Kind { PERSON, CLIENT }

    /** The owner of what this actor creates. */
    public static Owner of(Actor actor) {
        return new Owner(kindOf(actor), actor.id());
    }

    /**
     * The owner an event names ({@link SubmittedBy}): a client by its id, a person without one (so only staff
     * read it outside intake); null when the event names nobody.
     */
    public static Owner of(Optional<SubmittedBy> submitter) {
        return submitter.map(by -> by.kind() == SubmittedBy.Kind.CLIENT ? new Owner(Kind.CLIENT, by.clientId())
                : new Owner(Kind.PERSON, null)).orElse(null);
    }

    /** An owner read back from storage; null when no kind or id was recorded. */
    public static Owner stored(String kind, String id) {
        return kind == null || id == null ? null : new Owner(Kind.valueOf(kind), id);
    }

    /**
     * Whether {@code reader} may see a resource owned by {@code owner} (null: no recorded owner).
     *
     * @param seeEverything clinic roles that read every resource, e.g. {@code CLINICIAN}
     */
    public static boolean mayRead(Owner owner, Actor reader, String... seeEverything) {
        if (List.of(seeEverything).stream().anyMatch(reader::hasRole)) {
            return true;
        }
        return owner != null && owner.id != null && !reader.isAnonymous() && owner.equals(of(reader));
    }

    private static Kind kindOf(Actor actor) {
        return Actor.CLIENT.equals(actor.role()) ? Kind.CLIENT : Kind.PERSON;
    }
}
