package clinic.support.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security layer's refusals as problem+json: 401 and 403 (with RFC 6750's {@code WWW-Authenticate} error
 * codes and nothing more), 503 for a token that cannot be checked, 400 for a
 * request the firewall refuses. The bodies are fixed texts: never the exception's message (it can quote the
 * token or the issuer's answer), never an exception name.
 */
final class ProblemResponses
        implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler, RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    /**
     * RFC 6750's challenges, with the error code only. Spring's bearer handlers add an {@code error_description}
     * that names the exact failure ("Invalid signature", "Jwt expired at ..."), which helps an attacker tune a
     * forged token and helps no legitimate client: it only needs to know to get a new token.
     */
    static final String NO_TOKEN = "Bearer";
    static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";
    static final String INSUFFICIENT_SCOPE = "Bearer error=\"insufficient_scope\"";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean noToken = e instanceof InsufficientAuthenticationException;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, noToken ? NO_TOKEN : INVALID_TOKEN);
        write(response, HttpStatus.UNAUTHORIZED, noToken ? "A bearer token is required." : "The bearer token is not valid.");
    }

    /**
     * What the bearer filter does with a token it could not accept. A refused token is a 401; a token that
     * could not be checked at all (the issuer's keys unreachable) is a 503 with Retry-After, so that the caller
     * retries rather than sending its user to log in again. Only the exception's class is logged: its message
     * can quote the issuer's answer or the token.
     */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException e) throws IOException {
        if (e instanceof AuthenticationServiceException) {
            log.warn("Bearer token could not be checked: {}", e.getClass().getName());
            response.setHeader("Retry-After", "5");
            write(response, HttpStatus.SERVICE_UNAVAILABLE, "The token cannot be checked right now; try again shortly.");
            return;
        }
        commence(request, response, e);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, INSUFFICIENT_SCOPE);
        write(response, HttpStatus.FORBIDDEN, "The token does not allow this request.");
    }

    /** Requests the firewall refuses (encoded separators, {@code ;} and the like) are bad requests. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        write(response, HttpStatus.BAD_REQUEST, "The request address is not acceptable.");
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
        response.getOutputStream().write(JsonMapper.shared().writeValueAsBytes(problem));
    }
}
