package clinic.intake.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A client's key for one logical submission: the {@code Idempotency-Key} header of the API (IETF httpapi draft
 * "The Idempotency-Key HTTP Header Field": an RFC 8941 sf-string such as {@code "8e03978e-40d5-43e8-bc93-6894a57f9324"})
 * or the form's one-time {@code submissionKey}. Its text is 1 to 255 printable ASCII characters (what an sf-string
 * can hold). It is stored and compared only as its SHA-256, and never printed: a client may put anything in it.
 */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";
    public static final String FORM_FIELD = "submissionKey";
    public static final int MAX_LENGTH = 255;

    /** RFC 8941 3.3.3: DQUOTE *( unescaped / "\" ( DQUOTE / "\" ) ) DQUOTE, unescaped = %x20-21 / %x23-5B / %x5D-7E. */
    private static final Pattern SF_STRING = Pattern.compile("\"((?:[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]|\\\\[\"\\\\])*)\"");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]*");

    private final String hash;

    private IdempotencyKey(String text) {
        this.hash = sha256(text);
    }

    /**
     * The key of the request's {@code Idempotency-Key} fields; empty without one.
     *
     * @throws MalformedIdempotencyKey when sent more than once, not an sf-string, empty or longer than 255
     */
    public static Optional<IdempotencyKey> fromHeader(List<String> fieldValues) {
        if (fieldValues == null || fieldValues.isEmpty()) {
            return Optional.empty();
        }
        if (fieldValues.size() > 1) {
            throw new MalformedIdempotencyKey(HEADER, "must be sent once");
        }
        var string = SF_STRING.matcher(fieldValues.get(0).strip());
        if (!string.matches()) {
            throw new MalformedIdempotencyKey(HEADER,
                    "must be a quoted string of printable ASCII characters (RFC 8941 sf-string), e.g. \"8e03978e-40d5-43e8-bc93-6894a57f9324\"");
        }
        String text = string.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        return Optional.of(checked(HEADER, text));
    }

    /**
     * The form's one-time key (the page rendered it); empty when the post has none, e.g. from a page older than it.
     *
     * @throws MalformedIdempotencyKey when sent more than once, empty, too long or not printable ASCII
     */
    public static Optional<IdempotencyKey> fromFormField(List<String> values) {
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new MalformedIdempotencyKey(FORM_FIELD, "must be sent once");
        }
        if (!PRINTABLE_ASCII.matcher(values.get(0)).matches()) {
            throw new MalformedIdempotencyKey(FORM_FIELD, "must be printable ASCII characters");
        }
        return Optional.of(checked(FORM_FIELD, values.get(0)));
    }

    private static IdempotencyKey checked(String name, String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new MalformedIdempotencyKey(name, "must be 1 to " + MAX_LENGTH + " characters long");
        }
        return new IdempotencyKey(text);
    }

    /** The SHA-256 of the key's text, hex: what is stored. */
    String hash() {
        return hash;
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Hex SHA-256, as this package stores keys and request fingerprints. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdempotencyKey key && key.hash.equals(hash);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "IdempotencyKey[redacted]";
    }
}
