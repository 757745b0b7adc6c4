package clinic.support.security;

import clinic.support.securedapi.Http;
import clinic.support.securedapi.SecuredApiTest;
import clinic.support.testing.AccessTable;
import clinic.support.testing.ApiDocuments;
import clinic.support.testing.AccessWalk;
import clinic.support.testing.MappedRoutes;
import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static clinic.support.testing.AccessTable.api;
import static clinic.support.testing.Caller.CLINICIAN;
import static clinic.support.testing.Caller.OPS;
import static clinic.support.testing.Caller.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The route table denies by default, against the library's test service ({@code SecuredApiApplication}): what
 * the table lists is open to its callers, with HEAD as a read like GET; any other path, method or caller is
 * refused before a handler could answer, OPTIONS included.
 */
@SecuredApiTest
class AllowedRoutesTest {

    static final String RECORDS = "/api/v1/records";

    /** springdoc is on this module's test class path, so the API documents' chain is there (apidocs). */
    static final AccessTable ACCESS = AccessTable.of(ApiDocuments.withDocumentRows(
            api("/actuator").at("/actuator"),
            api("/actuator/health").allowsEveryone("GET HEAD"),
            api("/actuator/health/**").at("/actuator/health/db").allowsEveryone("GET HEAD"),
            api("/ops/v1/audit-events").at("/ops/v1/audit-events?objectId={id}").allows("GET HEAD", OPS),
            api(RECORDS).at(RECORDS + "?ownerId={id}").allows("POST", PATIENT).allows("GET HEAD", PATIENT, CLINICIAN),
            api(RECORDS + "/{recordId}").allows("GET HEAD", PATIENT, CLINICIAN),
            api("/error"),
            api("/**").at("/style.css"),
            api("/webjars/**")));

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void everyMappedRouteHasARowInTheAccessTableAndEveryRowAMappedRoute() {
        assertThat(ACCESS.mismatchesWith(MappedRoutes.of(context))).isEmpty();
    }

    @Test
    void everyRouteAnswersEveryMethodAndCallerAsTheAccessTableSays() {
        assertThat(AccessWalk.on(port, ACCESS).differences()).isEmpty();
    }

    @Test
    void methodsBeyondTheWalkedOnesNeverReachTheChain() {
        Http clinician = new Http(port, TestIssuer.get().clinician("dr-methods"));
        // the firewall's list of methods: anything else is a bad request before any filter chain
        assertThat(clinician.send("PROPFIND", RECORDS).statusCode()).isEqualTo(400);
        // the servlet container refuses TRACE itself
        assertThat(clinician.send("TRACE", RECORDS).statusCode()).isEqualTo(405);
    }

    @Test
    void aTableEntrySaysWhoMayCallIt() {
        assertThatThrownBy(() -> AllowedRoutes.of(AllowedRoute.get("/a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AllowedRoute.get("/a").to()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AllowedRoute.get()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listedMatchesTheMethodsAndPatternsOfTheEntriesWhoeverSendsThem() {
        RequestMatcher listed = AllowedRoutes.of(AllowedRoute.get(RECORDS + "/{recordId}").to("ROLE_CLINICIAN"),
                AllowedRoute.post(RECORDS).toAnyone()).listed();

        assertThat(listed.matches(new MockHttpServletRequest("GET", RECORDS + "/1"))).isTrue();
        assertThat(listed.matches(new MockHttpServletRequest("HEAD", RECORDS + "/1"))).isTrue();
        assertThat(listed.matches(new MockHttpServletRequest("POST", RECORDS))).isTrue();
        assertThat(listed.matches(new MockHttpServletRequest("OPTIONS", RECORDS + "/1"))).isFalse();
        assertThat(listed.matches(new MockHttpServletRequest("DELETE", RECORDS + "/1"))).isFalse();
        assertThat(listed.matches(new MockHttpServletRequest("GET", RECORDS + "/1/more"))).isFalse();
        assertThat(AllowedRoutes.of().listed().matches(new MockHttpServletRequest("GET", "/"))).isFalse();
    }

    @Test
    void headOptionsAndTraceCannotBeAllowedOnTheirOwn() {
        for (HttpMethod method : new HttpMethod[] {HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE}) {
            assertThatThrownBy(() -> AllowedRoute.route(method, "/a")).as(method.name())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
