package clinic.intake.ratelimit;

import clinic.support.security.Owner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * {@code clinic.intake.rate-limit.*}: how many reports a caller may submit (API and form together).
 * <p>
 * People (patients) each have the {@code patients} quota, keyed by their subject. A machine client has the
 * quota of its id under {@code clients}, else {@code client-default}. Expired buckets (full again, so no
 * different from a new one) are removed from the table every {@code cleanup-interval}. {@code enabled=false}
 * turns every quota off. Unknown keys fail the start, so a retired setting ({@code submissions},
 * {@code period}) is never silently ignored.
 *
 * @param clients quotas by client id ({@code clients.<client-id>.capacity} ...)
 */
@ConfigurationProperties(prefix = "clinic.intake.rate-limit", ignoreUnknownFields = false)
public record RateLimitProperties(@DefaultValue("true") boolean enabled, Quota patients, Quota clientDefault,
                                  Map<String, Quota> clients, @DefaultValue("5m") Duration cleanupInterval) {

    public RateLimitProperties {
        patients = patients == null ? Quota.of(30, Duration.ofMinutes(1)) : patients;
        clientDefault = clientDefault == null ? Quota.of(60, Duration.ofMinutes(1)) : clientDefault;
        clients = clients == null ? Map.of() : Map.copyOf(clients);
        if (cleanupInterval.isNegative() || cleanupInterval.isZero()) {
            throw new IllegalArgumentException("clinic.intake.rate-limit.cleanup-interval must be positive");
        }
    }

    /** The quota of whoever owns this bucket: a person's, or the client's own else the default for clients. */
    Quota quotaOf(Owner owner) {
        return owner.kind() == Owner.Kind.CLIENT ? clients.getOrDefault(owner.id(), clientDefault) : patients;
    }
}
