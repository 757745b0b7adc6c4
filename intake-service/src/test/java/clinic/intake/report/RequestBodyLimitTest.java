package clinic.intake.report;

import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.Tables;
import clinic.intake.TestReports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Bodies above 64 KiB get 413, whether or not the client announces their size. */
@IntakeServiceTest
class RequestBodyLimitTest {

    static final int LIMIT = 64 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    IntakeHttp http;
    Tables tables;

    @BeforeEach
    void setUp() {
        http = new IntakeHttp(port);
        tables = new Tables(jdbc);
    }

    @Test
    void rejectsOneMebibyteBodyWithContentLength() {
        assertTooLarge(() -> http.post(IntakeHttp.REPORTS, paddedReport(1024 * 1024), "application/json"));
    }

    @Test
    void rejectsOneMebibyteChunkedBody() {
        assertTooLarge(() -> http.postChunked(IntakeHttp.REPORTS, paddedReport(1024 * 1024), "application/json"));
    }

    @Test
    void rejectsChunkedBodyOneByteOverTheLimit() {
        assertTooLarge(() -> http.postChunked(IntakeHttp.REPORTS, paddedReport(LIMIT + 1), "application/json"));
    }

    @Test
    void acceptsChunkedReportOfExactlyTheLimit() {
        HttpResponse<String> response = http.postChunked(IntakeHttp.REPORTS, paddedReport(LIMIT), "application/json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private void assertTooLarge(Supplier<HttpResponse<String>> request) {
        long reportsBefore = tables.reports();
        long outboxBefore = tables.outbox();

        HttpResponse<String> response = request.get();

        assertThat(response.statusCode()).isEqualTo(413);
        SymptomReportValidationTest.assertProblem(response, 413);
        assertThat(SymptomReportValidationTest.fields(IntakeHttp.json(response))).containsExactly("body");
        assertThat(tables.reports()).isEqualTo(reportsBefore);
        assertThat(tables.outbox()).isEqualTo(outboxBefore);
    }

    /** A valid report padded with whitespace to exactly {@code size} bytes. */
    private static byte[] paddedReport(int size) {
        byte[] json = TestReports.validJson().getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(json, size);
        Arrays.fill(padded, json.length, size, (byte) ' ');
        return padded;
    }
}
