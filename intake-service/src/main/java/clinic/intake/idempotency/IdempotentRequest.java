package clinic.intake.idempotency;

/**
 * A submission made under a key: the key, and the fingerprint of the request (hex SHA-256 of its canonical form),
 * which tells a retry (same fingerprint) from a different request reusing the key.
 */
public record IdempotentRequest(IdempotencyKey key, String fingerprint) {
}
