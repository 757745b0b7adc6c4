package clinic.support.audit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.Optional;

import static clinic.support.audit.AuditedRoute.anyMethod;
import static clinic.support.audit.AuditedRoute.get;
import static clinic.support.audit.AuditedRoute.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditedRoutesTest {

    static final String ID = "5B1F6A52-0000-4000-8000-00000000000A";

    private final AuditedRoutes routes = AuditedRoutes.of(
            post("/api/v1/records", "RECORD_CREATE"),
            get("/api/v1/records", "RECORDS_LIST").idFromParameter("ownerId"),
            get("/api/v1/records/{recordId}", "RECORD_READ"),
            anyMethod("/api/v1/records/{recordId}/history", "RECORD_HISTORY"));

    @Test
    void theObjectIsThePathVariableOrTheNamedParameterLowerCased() {
        assertThat(match("GET", "/api/v1/records/" + ID)).hasValue(
                new AuditedRoute.AuditedRequest("RECORD_READ", ID.toLowerCase()));
        MockHttpServletRequest list = request("GET", "/api/v1/records");
        list.setParameter("ownerId", ID);
        assertThat(routes.match(list)).hasValue(new AuditedRoute.AuditedRequest("RECORDS_LIST", ID.toLowerCase()));
        assertThat(match("POST", "/api/v1/records")).hasValue(new AuditedRoute.AuditedRequest("RECORD_CREATE", null));
    }

    @Test
    void anIdThatIsNoCanonicalUuidIsNotKept() {
        for (String id : new String[] {"Jane%20Doe", "jane@example.org", "1-1-1-1-1", ID + "0", "%3Cscript%3E"}) {
            assertThat(match("GET", "/api/v1/records/" + id)).as(id)
                    .hasValue(new AuditedRoute.AuditedRequest("RECORD_READ", null));
        }
    }

    @Test
    void onlyTheDeclaredMethodsAndPathsAreAudited() {
        assertThat(match("DELETE", "/api/v1/records/" + ID)).isEmpty();
        assertThat(match("GET", "/api/v1/records/" + ID + "/notes")).isEmpty();
        assertThat(match("GET", "/api/v1/records/" + ID + "/")).isEmpty();
        assertThat(match("GET", "/api/v1/other")).isEmpty();
        assertThat(match("DELETE", "/api/v1/records/" + ID + "/history")).as("any method").isPresent();
    }

    @Test
    void aHeadIsAuditedLikeTheGetItMirrorsAndNothingElse() {
        assertThat(match("HEAD", "/api/v1/records/" + ID)).hasValue(
                new AuditedRoute.AuditedRequest("RECORD_READ", ID.toLowerCase()));
        AuditedRoutes postOnly = AuditedRoutes.of(post("/api/v1/records", "RECORD_CREATE"));
        assertThat(postOnly.match(request("HEAD", "/api/v1/records"))).isEmpty();
    }

    @Test
    void theContextPathIsNotPartOfTheRoute() {
        MockHttpServletRequest request = request("GET", "/clinic/api/v1/records/" + ID);
        request.setContextPath("/clinic");

        assertThat(routes.match(request)).map(AuditedRoute.AuditedRequest::action).hasValue("RECORD_READ");
    }

    @Test
    void aDeclarationThatCannotBeAuditedFailsAtStartUp() {
        assertThatThrownBy(() -> get("/a/{x}/b/{y}", "READ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> get("/a/{x}", "READ").idFromParameter("y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> get("/a", "read")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> get("/a", "A".repeat(61))).isInstanceOf(IllegalArgumentException.class);
    }

    private Optional<AuditedRoute.AuditedRequest> match(String method, String uri) {
        return routes.match(request(method, uri));
    }

    private static MockHttpServletRequest request(String method, String uri) {
        return new MockHttpServletRequest(method, uri);
    }
}
