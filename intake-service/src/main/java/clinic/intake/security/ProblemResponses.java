package clinic.intake.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The security layer's refusals as problem+json. The bodies are fixed texts: never the exception's
 * message (it can describe the token or the key), never an exception name.
 */
final class ProblemResponses {

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
