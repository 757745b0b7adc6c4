package clinic.intake.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The security layer's refusals as problem+json. The bodies are fixed texts: never the exception's
 * message (it can describe the token or the key), never an exception name.
 */
final class ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    private ProblemResponses() {
    }

    /** 401 with the standard {@code WWW-Authenticate: Bearer ...} header, then a problem body. */
    static AuthenticationEntryPoint unauthorized() {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) -> {
            bearer.commence(request, response, exception);
            write(response, HttpStatus.UNAUTHORIZED, detail(exception));
        };
    }

    /**
     * What the bearer filter does with a token it could not accept. A refused token is a 401; a token that
     * could not be checked at all (the issuer's keys unreachable) is a 503 with Retry-After, so that the
     * caller retries rather than sending its user to log in again. Only the exception's class is logged:
     * its message can quote the issuer's answer or the token.
     */
    static AuthenticationFailureHandler bearerFailure(AuthenticationEntryPoint unauthorized) {
        return (request, response, exception) -> {
            if (exception instanceof AuthenticationServiceException) {
                log.warn("Bearer token could not be checked: {}", exception.getClass().getName());
                response.setHeader("Retry-After", "5");
                write(response, HttpStatus.SERVICE_UNAVAILABLE,
                        "The token cannot be checked right now; try again shortly.");
                return;
            }
            unauthorized.commence(request, response, exception);
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, exception) -> {
            // a bearer token without the needed authority: the header tells clients why
            response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
            write(response, HttpStatus.FORBIDDEN, "This token may not use this endpoint.");
        };
    }

    /** Requests the firewall refuses (encoded separators and the like) are bad requests, said in problem+json. */
    static RequestRejectedHandler rejected() {
        return (request, response, exception) ->
                write(response, HttpStatus.BAD_REQUEST, "The request address is not acceptable.");
    }

    private static String detail(AuthenticationException exception) {
        return exception instanceof InsufficientAuthenticationException
                ? "A bearer token is required." : "The bearer token is not valid.";
    }

    private static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String body = "{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
                + status.value() + ",\"detail\":\"" + detail + "\"}";
        response.getWriter().write(body);
    }
}
