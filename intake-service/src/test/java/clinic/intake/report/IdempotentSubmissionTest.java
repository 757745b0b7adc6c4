package clinic.intake.report;

import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.TestReports;
import clinic.intake.idempotency.IdempotencyKeyPurge;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static clinic.intake.TestReports.NAME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Idempotency-Key} on {@code POST /api/v1/symptom-reports} over real HTTP: a retry gets the first answer
 * and stores nothing more, a reused key with another body is refused, concurrent retries make one report, keys
 * belong to their caller and expire after 24 hours.
 */
@IntakeServiceTest
class IdempotentSubmissionTest {

    static final String HEADER = "Idempotency-Key";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    IdempotencyKeyPurge purge;

    @Value("${clinic.intake.rate-limit.submissions:30}")
    int submissionLimit;

    IntakeHttp http;

    @BeforeEach
    void setUp() {
        http = new IntakeHttp(port);
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerAndStoresOneReportAndOneEvent() {
        String key = quoted(UUID.randomUUID().toString());

        HttpResponse<String> first = http.submit(TestReports.validJson(), HEADER, key);
        HttpResponse<String> retry = http.submit(TestReports.validJson(), HEADER, key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        UUID reportId = reportId(first);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"))
                .hasValue("/api/v1/symptom-reports/" + reportId);
        assertThat(retry.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(ownReports()).containsExactly(reportId);
        assertThat(outboxRows(reportId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from idempotency_key where report_id = ?", Long.class,
                reportId)).isEqualTo(1);
    }

    @Test
    void retriesDoNotCountAgainstTheSubmissionLimit() {
        String key = quoted(UUID.randomUUID().toString());
        UUID first = reportId(http.submit(TestReports.validJson(), HEADER, key));

        for (int retry = 0; retry < submissionLimit + 5; retry++) {
            HttpResponse<String> response = http.submit(TestReports.validJson(), HEADER, key);
            assertThat(response.statusCode()).as("retry %d: %s", retry, response.body()).isEqualTo(202);
            assertThat(reportId(response)).isEqualTo(first);
        }
        assertThat(http.submit(TestReports.validJson()).statusCode()).as("a new report still may be sent")
                .isEqualTo(202);
    }

    @Test
    void theSameAnswersInAnotherOrderAreTheSameRequest() {
        String key = quoted("order-" + UUID.randomUUID());
        Map<String, Object> reordered = TestReports.valid();
        reordered.put("painQualities", List.of("STABBING", "SHARP"));

        UUID first = reportId(http.submit(TestReports.validJson(), HEADER, key));
        HttpResponse<String> retry = http.submit(TestReports.json(reordered), HEADER, key);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        assertThat(reportId(retry)).isEqualTo(first);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndStoresNothing() {
        String key = quoted(UUID.randomUUID().toString());
        UUID first = reportId(http.submit(TestReports.validJson(), HEADER, key));
        long outboxBefore = outboxRows();

        HttpResponse<String> reused = http.submit(TestReports.json(TestReports.with("painScore", 9)), HEADER, key);

        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(422);
        assertThat(IntakeHttp.contentType(reused)).startsWith("application/problem+json");
        JsonNode problem = IntakeHttp.json(reused);
        assertThat(problem.get("type").asString()).isEqualTo("urn:clinic:problem:idempotency-key-reused");
        assertThat(problem.get("status").asInt()).isEqualTo(422);
        assertThat(reused.body()).contains(HEADER).doesNotContain(NAME, first.toString());
        assertThat(ownReports()).containsExactly(first);
        assertThat(outboxRows()).isEqualTo(outboxBefore);
    }

    @Test
    void concurrentRequestsWithOneKeyCreateExactlyOneReport() throws Exception {
        String key = quoted(UUID.randomUUID().toString());
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<HttpResponse<String>> responses = new ArrayList<>();
        try {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return http.submit(TestReports.validJson(), HEADER, key);
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> response : sent) {
                responses.add(response.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(ownReports()).hasSize(1);
        UUID reportId = ownReports().get(0);
        assertThat(outboxRows(reportId)).isEqualTo(1);
        // every caller learns the one report: the first with 202, the others wait for it and get its replay
        assertThat(responses).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            assertThat(reportId(response)).isEqualTo(reportId);
        });
        assertThat(responses.stream().filter(response -> response.headers().firstValue("Idempotent-Replayed")
                .isEmpty()).count()).isEqualTo(1);
    }

    @Test
    void anotherCallersSameKeyMakesTheirOwnReport() {
        String key = quoted("shared-" + UUID.randomUUID());
        IntakeHttp other = new IntakeHttp(port);

        UUID mine = reportId(http.submit(TestReports.validJson(), HEADER, key));
        HttpResponse<String> theirs = other.submit(TestReports.validJson(), HEADER, key);

        assertThat(theirs.statusCode()).as(theirs.body()).isEqualTo(202);
        assertThat(theirs.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(reportId(theirs)).isNotEqualTo(mine);
        assertThat(ownReports()).containsExactly(mine);
        // and a different body under that key from the other caller is theirs too, not a reuse of mine
        assertThat(new IntakeHttp(port).submit(TestReports.json(TestReports.with("painScore", 2)), HEADER, key)
                .statusCode()).isEqualTo(202);
    }

    @Test
    void malformedKeysAre400NamingTheHeaderAndStoreNothing() {
        long outboxBefore = outboxRows();
        List<List<String>> malformed = List.of(
                List.of(HEADER, "\"\""),                                   // empty string
                List.of(HEADER, ""),                                       // empty field
                List.of(HEADER, quoted("k".repeat(256))),                  // longer than 255
                List.of(HEADER, "8e03978e-40d5-43e8-bc93-6894a57f9324"),   // not an sf-string (unquoted)
                List.of(HEADER, "\"ab\"c\""),                              // unescaped quote
                List.of(HEADER, "\"a\\n\""),                               // an escape sf-string does not have
                List.of(HEADER, "\"tab\there\""),                          // not printable
                List.of(HEADER, "\"one\"", HEADER, "\"two\""));            // sent twice

        for (List<String> headers : malformed) {
            HttpResponse<String> response = http.submit(TestReports.validJson(), headers.toArray(String[]::new));

            assertThat(response.statusCode()).as(headers + " " + response.body()).isEqualTo(400);
            assertThat(IntakeHttp.contentType(response)).startsWith("application/problem+json");
            JsonNode problem = IntakeHttp.json(response);
            assertThat(problem.get("type").asString()).isEqualTo("urn:clinic:problem:invalid-request");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(HEADER);
        }
        assertThat(ownReports()).isEmpty();
        assertThat(outboxRows()).isEqualTo(outboxBefore);
    }

    @Test
    void theLongestKeyAndEscapedCharactersAreAccepted() {
        for (String key : List.of(quoted("k".repeat(255)), "\"a \\\"quoted\\\" \\\\ key\"", " \"padded\" ")) {
            HttpResponse<String> first = http.submit(TestReports.validJson(), HEADER, key);
            HttpResponse<String> retry = http.submit(TestReports.validJson(), HEADER, key);

            assertThat(first.statusCode()).as(key + " " + first.body()).isEqualTo(202);
            assertThat(reportId(retry)).as(key).isEqualTo(reportId(first));
        }
        assertThat(ownReports()).hasSize(3);
    }

    @Test
    void withoutAKeyEverySubmissionIsANewReport() {
        http.submit(TestReports.validJson());
        http.submit(TestReports.validJson());

        assertThat(ownReports()).hasSize(2);
    }

    @Test
    void aKeyExpiresAfter24HoursAndThePurgeDeletesIt() {
        String key = quoted(UUID.randomUUID().toString());
        UUID first = reportId(http.submit(TestReports.validJson(), HEADER, key));
        ageKeyOf(first, Duration.ofHours(23));
        assertThat(reportId(http.submit(TestReports.validJson(), HEADER, key))).isEqualTo(first);

        ageKeyOf(first, Duration.ofHours(24).plusMinutes(1));
        HttpResponse<String> later = http.submit(TestReports.json(TestReports.with("painScore", 9)), HEADER, key);

        assertThat(later.statusCode()).as(later.body()).isEqualTo(202);
        assertThat(later.headers().firstValue("Idempotent-Replayed")).isEmpty();
        UUID second = reportId(later);
        assertThat(second).isNotEqualTo(first);
        assertThat(Set.copyOf(ownReports())).containsExactlyInAnyOrder(first, second);

        ageKeyOf(second, Duration.ofHours(25));
        assertThat(purge.purge()).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from idempotency_key where report_id in (?, ?)", Long.class,
                first, second)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from idempotency_key where created_at < ?", Long.class,
                Timestamp.from(Instant.now().minus(Duration.ofHours(24))))).isZero();
    }

    private void ageKeyOf(UUID reportId, Duration age) {
        jdbc.update("update idempotency_key set created_at = ? where report_id = ?",
                Timestamp.from(Instant.now().minus(age)), reportId);
    }

    private List<UUID> ownReports() {
        return jdbc.queryForList("select id from symptom_report where owner_subject = ?", UUID.class,
                http.patientSubject());
    }

    private long outboxRows(UUID reportId) {
        return jdbc.queryForObject("select count(*) from outbox_event where message_key = ?", Long.class,
                reportId.toString());
    }

    private long outboxRows() {
        return jdbc.queryForObject("select count(*) from outbox_event", Long.class);
    }

    static UUID reportId(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return UUID.fromString(IntakeHttp.json(response).get("reportId").asString());
    }

    static String quoted(String key) {
        return "\"" + key + "\"";
    }
}
