package clinic.support.audit;

import org.springframework.transaction.support.TransactionOperations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Clock;
import java.util.List;

import static clinic.support.audit.AuditedRoute.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class AuditFilterTest {

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aFailedAuditWriteIsSwallowedSoTheAnswerStands() {
        // a real database without the audit table: every insert fails
        JdbcClient broken = JdbcClient.create(new DriverManagerDataSource("jdbc:h2:mem:no-audit-table", "sa", ""));
        AuditFilter filter = new AuditFilter(new AuditEvents(broken, Clock.systemUTC(), TransactionOperations.withoutTransaction()),
                List.of(AuditedRoutes.of(get("/records/{id}", "RECORD_READ"))));
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("dr-x", null,
                "ROLE_CLINICIAN"));
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(200);

        assertThatCode(() -> filter.doFilter(new MockHttpServletRequest("GET",
                "/records/5b1f6a52-0000-4000-8000-000000000000"), response, new MockFilterChain()))
                .doesNotThrowAnyException();
        assertThat(response.getStatus()).isEqualTo(200);
    }
}
