package clinic.intake.report;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.Optional;

/**
 * The signed-in patient's name as their issuer gives it (the ID token's standard {@code name} claim), to fill in
 * the form's name for them. Only a suggestion: the field stays editable and is checked like any typed name.
 */
final class SignedInName {

    /** Longer than the form accepts is no help: better an empty field than one that fails. */
    private static final int MAX = 200;

    private SignedInName() {
    }

    static Optional<String> current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    static Optional<String> of(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser user)) {
            return Optional.empty();
        }
        String name = user.getFullName();
        if (name == null || name.isBlank() || name.strip().length() > MAX
                || !name.strip().matches(PatientDetails.PRINTABLE)) {
            return Optional.empty();
        }
        return Optional.of(name.strip());
    }
}
