package clinic.triage.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 401 and 403 as problem+json (and 503 for a token that cannot be checked). The standard bearer handlers
 * set the status and the {@code WWW-Authenticate} header; the body is ours and says nothing about why a
 * token failed.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        bearerEntryPoint.commence(request, response, e);
        write(response, HttpStatus.UNAUTHORIZED, "A valid bearer token is required.");
    }

    /**
     * The bearer filter's answer to a token it could not accept. A refused token is 401; a token that could
     * not be checked at all (the issuer's keys unreachable) is 503 with Retry-After, so the caller retries
     * instead of asking its user to log in again. Only the exception's class is logged: its message can
     * quote the issuer's answer.
     */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException e) throws IOException {
        if (e instanceof AuthenticationServiceException) {
            log.warn("Bearer token could not be checked: {}", e.getClass().getName());
            response.setHeader("Retry-After", "5");
            write(response, HttpStatus.SERVICE_UNAVAILABLE,
                    "The token cannot be checked right now; try again shortly.");
            return;
        }
        commence(request, response, e);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        bearerDenied.handle(request, response, e);
        write(response, HttpStatus.FORBIDDEN, "The token does not allow this request.");
    }

    private static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        // a plain map, not ProblemDetail: without Spring MVC's mix-in a bare mapper writes ProblemDetail with
        // "type":null, "instance":null and "properties":null instead of the contract's four members
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }
}
