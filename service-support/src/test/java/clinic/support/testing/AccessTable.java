package clinic.support.testing;

import org.springframework.http.HttpMethod;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A service's expected access, one row per mapped route: which methods each {@link Caller} may call; every other
 * method and caller is refused, and the row's chain says how. {@link AccessWalk} sends every row's request with
 * every method of {@link #METHODS} as every caller and compares.
 * <pre>
 * AccessTable.of(
 *         api("/actuator/health").allowsEveryone("GET HEAD"),
 *         api("/api/v1/decisions/{reportId}").allows("GET HEAD", CLINICIAN, TRIAGE_READ),
 *         api("/error"));                                   // mapped, and refused to everyone
 * </pre>
 * Refusals: on a bearer-token chain ({@link #api}) {@code 401} without a token (a page login is no token there),
 * {@code 403} with one. On a page chain ({@link #page}) a caller who is not logged in on the pages (bearer tokens
 * count for nothing there) is sent to the login for GET, HEAD and OPTIONS; otherwise a page (a row's method that
 * someone may call) is refused with {@code 403} (the wrong role, or an unsafe method without CSRF token), and an
 * address or method the pages do not have with {@code 404}.
 */
public final class AccessTable {

    /** The methods every route is tried with: all that Spring Security's firewall lets through but TRACE. */
    public static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final List<Row> rows;
    private final Optional<PageLoginAt> pageLogin;

    private AccessTable(List<Row> rows, Optional<PageLoginAt> pageLogin) {
        this.rows = rows;
        this.pageLogin = pageLogin;
    }

    public static AccessTable of(Row... rows) {
        return new AccessTable(List.of(rows), Optional.empty());
    }

    /** A route of a bearer-token chain (a clinic resource server). */
    public static Row api(String pattern) {
        return new Row(pattern, false);
    }

    /** A route of a page chain (browser login, session, CSRF). */
    public static Row page(String pattern) {
        return new Row(pattern, true);
    }

    /**
     * The service has pages: walk them with page logins too, logged in through this OIDC registration; each
     * login's CSRF token is read from the form on {@code formPage} (when the login may see it).
     */
    public AccessTable withPageLogin(String registration, String formPage) {
        return new AccessTable(rows, Optional.of(new PageLoginAt(registration, formPage)));
    }

    /** The table's rows against the mapped routes: a route without a row, or a row without a route. */
    public List<String> mismatchesWith(Collection<String> mappedPatterns) {
        SortedSet<String> inTable = rows.stream().map(Row::pattern).collect(Collectors.toCollection(TreeSet::new));
        List<String> mismatches = new ArrayList<>();
        mappedPatterns.stream().filter(pattern -> !inTable.contains(pattern))
                .forEach(pattern -> mismatches.add("mapped, but no row in the table: " + pattern));
        inTable.stream().filter(pattern -> !mappedPatterns.contains(pattern))
                .forEach(pattern -> mismatches.add("a row, but no such mapped route: " + pattern));
        return mismatches;
    }

    List<Row> rows() {
        return rows;
    }

    Set<Caller> callers() {
        return pageLogin.isPresent() ? Caller.ALL : Caller.API_CALLERS;
    }

    Optional<PageLoginAt> pageLogin() {
        return pageLogin;
    }

    record PageLoginAt(String registration, String formPage) {
    }

    /** One mapped route: its pattern, the request that stands for it, and who may call which of its methods. */
    public static final class Row {

        private final String pattern;
        private final boolean page;
        private String example;
        private boolean ownTokensOnly;
        private final Map<HttpMethod, Set<Caller>> allowed = new HashMap<>();

        private Row(String pattern, boolean page) {
            this.pattern = pattern;
            this.page = page;
            this.example = pattern;
        }

        /**
         * The request to send for this route, where the pattern alone makes a poor one: a query parameter, a
         * wildcard's real value. {@code {name}} stands for a random UUID, {@code *} and {@code **} for a segment.
         */
        public Row at(String examplePath) {
            this.example = examplePath;
            return this;
        }

        /**
         * The route's chain takes tokens of its own kind only, never the clinic issuer's (triage's CDS Hooks
         * addresses take EHR-signed JWTs): every bearer caller of the walk is refused as one without a valid token,
         * {@code 401}, whatever its role or scope.
         */
        public Row ownTokensOnly() {
            this.ownTokensOnly = true;
            return this;
        }

        /** These methods ({@code "GET HEAD"}) are open to these callers. */
        public Row allows(String methods, Caller... callers) {
            for (String method : methods.trim().split("\\s+")) {
                allowed.computeIfAbsent(HttpMethod.valueOf(method), any -> EnumSet.noneOf(Caller.class))
                        .addAll(Arrays.asList(callers));
            }
            return this;
        }

        /** These methods are open to every caller, with or without token or login. */
        public Row allowsEveryone(String methods) {
            return allows(methods, Caller.values());
        }

        String pattern() {
            return pattern;
        }

        String example() {
            return example;
        }

        Outcome expected(HttpMethod method, Caller caller) {
            if (allowed.getOrDefault(method, Set.of()).contains(caller)) {
                return Outcome.ALLOWED;
            }
            if (!page) {
                return caller.hasBearerToken() && !ownTokensOnly ? Outcome.FORBIDDEN : Outcome.UNAUTHORIZED;
            }
            if (!caller.isPageLogin() && SAFE.contains(method)) {
                return Outcome.LOGIN;
            }
            return allowed.containsKey(method) ? Outcome.FORBIDDEN : Outcome.NOT_FOUND;
        }

        @Override
        public String toString() {
            Set<String> open = new LinkedHashSet<>();
            allowed.forEach((method, callers) -> open.add(method + " " + callers));
            return (page ? "page " : "api ") + pattern + " " + open;
        }
    }
}
