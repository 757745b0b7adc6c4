package clinic.local.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.util.List;

/**
 * The demo people of local mode; each password is the user name. A patient's user name doubles as their
 * stable patient id, because it becomes the token's {@code sub}.
 */
@Configuration(proxyBeanMethods = false)
class DemoUsers {

    static final List<DemoUser> ACCOUNTS = List.of(
            new DemoUser("patient-demo", "PATIENT"),
            new DemoUser("clinician-demo", "CLINICIAN"),
            new DemoUser("ops-demo", "OPS"));

    record DemoUser(String username, String role) {
    }

    @Bean
    UserDetailsService demoUsers(PasswordEncoder passwordEncoder) {
        List<UserDetails> users = ACCOUNTS.stream()
                .map(account -> User.withUsername(account.username())
                        .password(passwordEncoder.encode(account.username()))
                        .roles(account.role())
                        .build())
                .toList();
        return new InMemoryUserDetailsManager(users);
    }
}
