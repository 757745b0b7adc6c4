package clinic.support.audit;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Object ids as the audit trail keeps them. They come from the caller's path or query, so they are kept only
 * in the form every object id of the clinic has, a canonical UUID (lower-cased): nothing else a caller types
 * there (a name, an email) reaches the audit table or a log line.
 */
final class ObjectIds {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ObjectIds() {
    }

    /** The id, lower-cased, if it is a canonical UUID; otherwise null. */
    static String canonical(String candidate) {
        return candidate != null && UUID.matcher(candidate).matches() ? candidate.toLowerCase(Locale.ROOT) : null;
    }
}
