package clinic.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns the refusal of one more session (by Tomcat's manager or the JDBC store's {@link JdbcSessionCeiling}, see
 * {@link SessionLimitsAutoConfiguration}) into a 503 problem with {@code Retry-After}, instead of the 500 of an
 * unexpected exception: the server is full for now, not broken.
 */
class SessionLimitFilter extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "60";

    private static final Logger log = LoggerFactory.getLogger(SessionLimitFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!SessionCeilingReachedException.isCause(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("No new session for {} {}: the session limit is reached", request.getMethod(),
                    request.getRequestURI());
            response.resetBuffer();
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write("""
                    {"type":"about:blank","title":"Too many sign-ins in progress","status":503,\
                    "detail":"The service cannot start another session right now. Please try again in a minute."}"""
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}
