package clinic.support.audit;

import clinic.support.securedapi.Http;
import clinic.support.securedapi.SecuredApiTest;
import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request to an audited route leaves exactly one row with the right actor, role, action, object and
 * outcome, refusals included; operations read the trail through {@code /ops/v1/audit-events}.
 */
@SecuredApiTest
class AuditTrailTest {

    static final TestIssuer ISSUER = TestIssuer.get();
    static final String RECORDS = "/api/v1/records";
    static final String AUDIT = "/ops/v1/audit-events";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port, null);
    }

    @Test
    void eachReadOfAnObjectIsOneRowWithItsOutcome() {
        String owner = "patient-" + UUID.randomUUID();
        String recordId = create(owner);
        String path = RECORDS + "/" + recordId;

        assertThat(http.as(ISSUER.patient(owner)).get(path).statusCode()).isEqualTo(200);
        assertThat(http.as(ISSUER.clinician("dr-who")).get(path).statusCode()).isEqualTo(200);
        assertThat(http.as(ISSUER.client("integration", "records:read")).get(path).statusCode()).isEqualTo(404);
        assertThat(http.as(ISSUER.patient("someone-else")).get(path).statusCode()).isEqualTo(404);
        assertThat(http.as(ISSUER.ops("ops-1")).get(path).statusCode()).isEqualTo(403);
        assertThat(http.get(path).statusCode()).isEqualTo(401);
        assertThat(http.as(ISSUER.expired("dr-who")).get(path).statusCode()).isEqualTo(401);

        assertThat(rows(recordId)).containsExactly(
                owner + " PATIENT RECORD_CREATE ALLOWED 201",
                owner + " PATIENT RECORD_READ ALLOWED 200",
                "dr-who CLINICIAN RECORD_READ ALLOWED 200",
                // someone else's record: the caller saw a 404, the trail says DENIED
                "integration CLIENT RECORD_READ DENIED 404",
                "someone-else PATIENT RECORD_READ DENIED 404",
                "ops-1 OPS RECORD_READ DENIED 403",
                "anonymous ANONYMOUS RECORD_READ UNAUTHENTICATED 401",
                "anonymous ANONYMOUS RECORD_READ UNAUTHENTICATED 401");
    }

    @Test
    void anUnknownObjectIsNotFound() {
        String unknown = UUID.randomUUID().toString();

        assertThat(http.as(ISSUER.clinician("dr-who")).get(RECORDS + "/" + unknown).statusCode()).isEqualTo(404);

        assertThat(rows(unknown)).containsExactly("dr-who CLINICIAN RECORD_READ NOT_FOUND 404");
    }

    @Test
    void aMalformedIdIsRecordedAsRejectedWithoutCopyingIt() {
        String actor = "dr-" + UUID.randomUUID();

        assertThat(http.as(ISSUER.clinician(actor)).get(RECORDS + "/Jane%20Doe").statusCode()).isEqualTo(400);

        assertThat(jdbc.sql("select action, object_id, outcome, http_status from audit_event where actor = ?")
                .param(actor).query().listOfRows()).singleElement().satisfies(row -> {
                    assertThat(row.get("action")).isEqualTo("RECORD_READ");
                    assertThat(row.get("object_id")).isNull();
                    assertThat(row.get("outcome")).isEqualTo("REJECTED");
                    assertThat(row.get("http_status")).isEqualTo(400);
                });
        assertThat(jdbc.sql("select count(*) from audit_event where object_id like '%Jane%'").query(Long.class)
                .single()).isZero();
    }

    @Test
    void theObjectMayComeFromAQueryParameter() {
        String ownerId = UUID.randomUUID().toString();

        assertThat(http.as(ISSUER.clinician("dr-list")).get(RECORDS + "?ownerId=" + ownerId).statusCode())
                .isEqualTo(200);

        assertThat(rows(ownerId)).containsExactly("dr-list CLINICIAN RECORDS_LIST ALLOWED 200");
    }

    @Test
    void everyMethodOfAnAnyMethodRouteIsAudited() {
        String recordId = UUID.randomUUID().toString();

        assertThat(http.as(ISSUER.clinician("dr-h")).send("DELETE", RECORDS + "/" + recordId + "/history")
                .statusCode()).as("no route table entry").isEqualTo(403);

        assertThat(rows(recordId)).containsExactly("dr-h CLINICIAN RECORD_HISTORY DENIED 403");
    }

    @Test
    void aHeadIsAuditedLikeTheGetItMirrors() {
        String owner = "patient-" + UUID.randomUUID();
        String recordId = create(owner);
        String path = RECORDS + "/" + recordId;

        assertThat(http.as(ISSUER.patient(owner)).send("HEAD", path).statusCode()).isEqualTo(200);
        assertThat(http.as(ISSUER.ops("ops-h")).send("HEAD", path).statusCode()).isEqualTo(403);
        assertThat(http.send("HEAD", path).statusCode()).isEqualTo(401);

        assertThat(rows(recordId)).containsExactly(
                owner + " PATIENT RECORD_CREATE ALLOWED 201",
                owner + " PATIENT RECORD_READ ALLOWED 200",
                "ops-h OPS RECORD_READ DENIED 403",
                "anonymous ANONYMOUS RECORD_READ UNAUTHENTICATED 401");
    }

    @Test
    void routesThatAreNotDeclaredLeaveNoRow() {
        long before = count();

        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(http.as(ISSUER.clinician("dr-x")).get("/api/v1/elsewhere").statusCode()).isEqualTo(403);
        assertThat(http.as(ISSUER.clinician("dr-x")).send("DELETE", RECORDS + "/" + UUID.randomUUID())
                .statusCode()).as("another method of an audited path").isEqualTo(403);

        assertThat(count()).isEqualTo(before);
    }

    @Test
    void operationsSeeTheTrailOfAnObjectNewestFirstAndCanAskForOneRoleOnly() {
        String owner = "patient-" + UUID.randomUUID();
        String recordId = create(owner);
        http.as(ISSUER.clinician("dr-first")).get(RECORDS + "/" + recordId);
        http.as(ISSUER.person("dr-second", "OPS", "CLINICIAN")).get(RECORDS + "/" + recordId);
        Http ops = http.as(ISSUER.ops("ops-anna"));

        HttpResponse<String> clinicians = ops.get(AUDIT + "?objectId=" + recordId + "&role=CLINICIAN");

        assertThat(clinicians.statusCode()).isEqualTo(200);
        assertThat(clinicians.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(clinicians.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode views = json(clinicians);
        assertThat(views).hasSize(2);
        assertThat(views.get(0).propertyNames()).containsExactlyInAnyOrder("occurredAt", "actor", "role", "action",
                "objectId", "outcome", "httpStatus");
        assertThat(views.valueStream().map(view -> view.get("actor").asString())).containsExactly("dr-second",
                "dr-first");
        assertThat(views.get(0).get("role").asString()).isEqualTo("CLINICIAN,OPS");
        assertThat(views.get(0).get("action").asString()).isEqualTo("RECORD_READ");
        assertThat(views.get(0).get("objectId").asString()).isEqualTo(recordId);
        assertThat(views.get(0).get("outcome").asString()).isEqualTo("ALLOWED");
        assertThat(views.get(0).get("httpStatus").asInt()).isEqualTo(200);
        assertThat(views.get(0).get("occurredAt").asString()).isGreaterThanOrEqualTo(
                views.get(1).get("occurredAt").asString());

        JsonNode all = json(ops.get(AUDIT + "?objectId=" + recordId.toUpperCase()));
        // the first read of the trail is in the trail too, under the object asked about
        assertThat(all.valueStream().map(row -> row.get("action").asString() + " " + row.get("actor").asString()))
                .containsExactly("AUDIT_READ ops-anna", "RECORD_READ dr-second", "RECORD_READ dr-first",
                        "RECORD_CREATE " + owner);
    }

    @Test
    void theAuditEndpointIsForOpsOnlyAndNeedsAnObjectIdAndAKnownRole() {
        String objectId = UUID.randomUUID().toString();
        assertThat(http.as(ISSUER.clinician("dr-nosy")).get(AUDIT + "?objectId=" + objectId).statusCode())
                .isEqualTo(403);
        assertThat(http.get(AUDIT + "?objectId=" + objectId).statusCode()).isEqualTo(401);
        String actor = "ops-" + UUID.randomUUID();
        Http ops = http.as(ISSUER.ops(actor));
        for (String query : List.of("", "?role=CLINICIAN", "?objectId=", "?objectId=%20", "?objectId=x",
                "?objectId=Jane%20Doe%20%3Cjane@example.org%3E", "?objectId=" + objectId + "&role=clinician%27",
                "?objectId=" + objectId + "&role=ATIENT", "?objectId=%20" + objectId)) {
            HttpResponse<String> response = ops.get(AUDIT + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(query).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).as(query).doesNotContain("Jane", "clinician'");
        }
        assertThat(json(ops.get(AUDIT + "?objectId=" + UUID.randomUUID()))).isEmpty();

        assertThat(rows(objectId)).containsExactly(
                "dr-nosy CLINICIAN AUDIT_READ DENIED 403",
                "anonymous ANONYMOUS AUDIT_READ UNAUTHENTICATED 401",
                actor + " OPS AUDIT_READ REJECTED 400",
                actor + " OPS AUDIT_READ REJECTED 400");
        assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and object_id is null and "
                + "outcome = 'REJECTED'").param(actor).query(Long.class).single()).isEqualTo(7);
    }

    @Test
    void theTrailHoldsNoTextTheCallerTyped() {
        http.as(ISSUER.clinician("dr-x")).get(RECORDS + "/Jane%20Doe");
        http.as(ISSUER.clinician("dr-x")).get(RECORDS + "?ownerId=jane@example.org");
        http.as(ISSUER.ops("ops-x")).get(AUDIT + "?objectId=Jane%20Doe");

        assertThat(jdbc.sql("select * from audit_event").query().listOfRows().toString())
                .doesNotContainIgnoringCase("jane");
    }

    private String create(String owner) {
        HttpResponse<String> created = http.as(ISSUER.patient(owner)).send("POST", RECORDS);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("recordId").asString();
    }

    private List<String> rows(String objectId) {
        return jdbc.sql("select actor, actor_role, action, outcome, http_status from audit_event where object_id = ?"
                        + " order by id").param(objectId)
                .query((row, n) -> row.getString(1) + " " + row.getString(2) + " " + row.getString(3) + " "
                        + row.getString(4) + " " + row.getInt(5)).list();
    }

    private long count() {
        return jdbc.sql("select count(*) from audit_event").query(Long.class).single();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }
}
