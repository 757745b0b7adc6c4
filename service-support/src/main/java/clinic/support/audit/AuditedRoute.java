package clinic.support.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route that reads or changes patient data, and the action its audit rows name. The object id of a row is
 * the route's path variable when its pattern has one ({@code /api/v1/reports/{reportId}}), or the query
 * parameter named with {@link #idFromParameter(String)}; either way it is kept only when it is a canonical UUID.
 * A controller may name the object itself ({@link AuditMarks#created}).
 */
public final class AuditedRoute {

    private static final Pattern ACTION = Pattern.compile("[A-Z][A-Z_]{0,59}");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    private final HttpMethod method;
    private final PathPattern path;
    private final String action;
    private final String idVariable;
    private final String idParameter;

    private AuditedRoute(HttpMethod method, String path, String action, String idParameter) {
        if (!ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("An audit action is an upper-case name of at most 60 characters: "
                    + action);
        }
        List<String> variables = VARIABLE.matcher(path).results().map(result -> result.group(1)).toList();
        if (variables.size() > 1 || (idParameter != null && !variables.isEmpty())) {
            throw new IllegalArgumentException("An audited route names at most one object: " + path);
        }
        this.method = method;
        this.path = PathPatternParser.defaultInstance.parse(path);
        this.action = action;
        this.idVariable = variables.isEmpty() ? null : variables.get(0);
        this.idParameter = idParameter;
    }

    /** GET, and HEAD with it: a HEAD is the same read without the body (its status and Content-Length tell). */
    public static AuditedRoute get(String path, String action) {
        return new AuditedRoute(HttpMethod.GET, path, action, null);
    }

    public static AuditedRoute post(String path, String action) {
        return new AuditedRoute(HttpMethod.POST, path, action, null);
    }

    /** Every method of the path: a request with a method the route does not serve is audited too (refused). */
    public static AuditedRoute anyMethod(String path, String action) {
        return new AuditedRoute(null, path, action, null);
    }

    /** The same route, its object id taken from this query parameter. */
    public AuditedRoute idFromParameter(String parameter) {
        return new AuditedRoute(method, path.getPatternString(), action, parameter);
    }

    Optional<AuditedRequest> match(HttpServletRequest request, PathContainer requestPath) {
        if (method != null && !matchesMethod(request.getMethod())) {
            return Optional.empty();
        }
        PathPattern.PathMatchInfo matched = path.matchAndExtract(requestPath);
        if (matched == null) {
            return Optional.empty();
        }
        String id = idVariable != null ? matched.getUriVariables().get(idVariable)
                : idParameter != null ? request.getParameter(idParameter) : null;
        return Optional.of(new AuditedRequest(action, ObjectIds.canonical(id)));
    }

    private boolean matchesMethod(String requested) {
        return method.matches(requested) || (method.equals(HttpMethod.GET) && HttpMethod.HEAD.matches(requested));
    }

    @Override
    public String toString() {
        return (method == null ? "*" : method.name()) + " " + path + " -> " + action;
    }

    /** An audited request: its action, and the object it names (null when none, or not a canonical id). */
    record AuditedRequest(String action, String objectId) {
    }
}
