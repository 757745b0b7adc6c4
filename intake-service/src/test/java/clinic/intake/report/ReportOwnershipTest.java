package clinic.intake.report;

import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.TestReports;
import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Owners have a namespace (issue 12): a person's subject and a client's id never match each other, so a
 * person whose user name equals a client id does not own that client's reports, nor the other way round.
 */
@IntakeServiceTest
class ReportOwnershipTest {

    static final String NAME = "clinic-integration-" + java.util.UUID.randomUUID();

    @LocalServerPort
    int port;

    @Test
    void aPersonNamedLikeAClientDoesNotOwnThatClientsReports() {
        IntakeHttp client = new IntakeHttp(port).as(TestIssuer.get().client(NAME, "reports:write", "reports:read"));
        IntakeHttp person = new IntakeHttp(port).as(TestIssuer.get().patient(NAME));

        String clientsReport = reportIdOf(client.submit(TestReports.validJson()));
        String personsReport = reportIdOf(person.submit(TestReports.validJson()));

        assertThat(client.get(IntakeHttp.REPORTS + "/" + clientsReport).statusCode()).isEqualTo(200);
        assertThat(person.get(IntakeHttp.REPORTS + "/" + clientsReport).statusCode()).isEqualTo(404);
        assertThat(person.get(IntakeHttp.REPORTS + "/" + personsReport).statusCode()).isEqualTo(200);
        assertThat(client.get(IntakeHttp.REPORTS + "/" + personsReport).statusCode()).isEqualTo(404);
    }

    private static String reportIdOf(HttpResponse<String> accepted) {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return IntakeHttp.json(accepted).get("reportId").asString();
    }
}
