package clinic.support.testing;

import java.net.http.HttpResponse;

/**
 * What a request came to, as an access table cell says it: let through to a handler, or refused and how. A
 * handler's own answer (200, 202, 400, 404, 415, ...) is {@link #ALLOWED} whatever it is: the table is about who
 * gets past the security filter chain, not about what the handler then says. A 404 reads as {@link #NOT_FOUND}
 * and also satisfies an {@link #ALLOWED} cell (a handler's unknown object); a {@link #NOT_FOUND} cell wants a 404.
 */
public enum Outcome {

    /** Reached a handler that serves the method. */
    ALLOWED,
    /** {@code 401}: no valid token on a bearer-token chain. */
    UNAUTHORIZED,
    /** {@code 403}: a valid identity without the right role or scope, or an unsafe method without CSRF token. */
    FORBIDDEN,
    /** {@code 302} to the page login: nobody logged in, on a page chain. */
    LOGIN,
    /** {@code 404}: on a page chain, an address (or method) its route table does not list. */
    NOT_FOUND,
    /**
     * {@code 405}: no table expects it. A route table refuses a method it does not list (401/403) before Spring
     * MVC could answer 405, so a 405 means the table allows a method that no handler of the route serves.
     */
    METHOD_NOT_ALLOWED;

    static Outcome of(HttpResponse<?> response) {
        return switch (response.statusCode()) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 302 -> response.headers().firstValue("Location").filter(PageLogin::isLoginRedirect).isPresent()
                    ? LOGIN : ALLOWED;
            default -> ALLOWED;
        };
    }

    boolean satisfies(Outcome expected) {
        return this == expected || (this == NOT_FOUND && expected == ALLOWED);
    }
}
