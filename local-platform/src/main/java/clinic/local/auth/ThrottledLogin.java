package clinic.local.auth;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/** The login form's check of a user name and password, refused while the account is locked ({@link LoginThrottle}). */
final class ThrottledLogin implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottledLogin(AuthenticationProvider passwords, LoginThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication login) throws AuthenticationException {
        String account = login.getName();
        if (throttle.locked(account)) {
            // not checked at all while locked: the right password must not get through, and no answer may tell
            throttle.failed(account);
            throw new LockedException("Too many failed logins; try again later");
        }
        try {
            Authentication authenticated = passwords.authenticate(login);
            throttle.succeeded(account);
            return authenticated;
        } catch (BadCredentialsException wrong) {
            throttle.failed(account);
            throw wrong;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
