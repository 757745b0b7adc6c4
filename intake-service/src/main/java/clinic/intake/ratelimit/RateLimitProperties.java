package clinic.intake.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code clinic.intake.rate-limit.*}: each actor may submit {@code submissions} reports per {@code period}
 * (API and form together), as a token bucket: a burst of that size, refilled evenly over the period.
 */
@ConfigurationProperties("clinic.intake.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("30") int submissions,
                                  @DefaultValue("1m") Duration period) {

    public RateLimitProperties {
        if (submissions < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("clinic.intake.rate-limit needs submissions >= 1 and a positive period");
        }
    }
}
