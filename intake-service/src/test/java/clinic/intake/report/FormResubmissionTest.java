package clinic.intake.report;

import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.report.PatientPages.PageResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.context.WebApplicationContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The form's one-time submission key: a double click or a resent form makes one report, and the second post
 * leads to the same status page.
 */
@IntakeServiceTest
class FormResubmissionTest {

    private static final Pattern KEY_FIELD =
            Pattern.compile("<input type=\"hidden\" name=\"submissionKey\" value=\"([^\"]+)\">");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    WebApplicationContext context;

    IntakeHttp http;
    PatientPages pages;

    @BeforeEach
    void setUp() {
        http = new IntakeHttp(port);
        pages = PatientPages.as(PatientPages.mockMvc(context), http.patientSubject(), "PATIENT");
    }

    @Test
    void eachFormCarriesAFreshSubmissionKey() {
        String first = submissionKey(pages.get("/"));
        String second = submissionKey(pages.get("/"));

        assertThat(UUID.fromString(first)).isNotEqualTo(UUID.fromString(second));
    }

    @Test
    void aSecondPostOfTheSameFormMakesNoSecondReportAndLeadsToTheSameStatusPage() {
        String body = FormBodies.valid() + "&submissionKey=" + submissionKey(pages.get("/"));

        PageResponse first = pages.postForm(body);
        PageResponse second = pages.postForm(body);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(303);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(303);
        String location = first.header("Location").orElseThrow();
        assertThat(second.header("Location")).hasValue(location);
        Matcher page = ReportPagesTest.REPORT_PAGE.matcher(location);
        assertThat(page.matches()).as(location).isTrue();
        UUID reportId = UUID.fromString(page.group(1));
        assertThat(ownReports()).containsExactly(reportId);
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where message_key = ?", Long.class,
                reportId.toString())).isEqualTo(1);
    }

    @Test
    void aRejectedFormKeepsItsKeySoTheCorrectedPostIsStillProtected() {
        String key = submissionKey(pages.get("/"));

        PageResponse rejected = pages.postForm(FormBodies.valid("painScore", 11) + "&submissionKey=" + key);
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(submissionKey(rejected)).isEqualTo(key);

        String corrected = FormBodies.valid() + "&submissionKey=" + submissionKey(rejected);
        PageResponse first = pages.postForm(corrected);
        PageResponse again = pages.postForm(corrected);
        assertThat(again.header("Location")).isEqualTo(first.header("Location")).isPresent();
        assertThat(ownReports()).hasSize(1);
    }

    @Test
    void changedAnswersSentWithAnUsedKeyShowTheFormAgainWithALinkToTheReportAlreadySent() {
        String key = submissionKey(pages.get("/"));
        String location = pages.postForm(FormBodies.valid() + "&submissionKey=" + key).header("Location")
                .orElseThrow();

        PageResponse changed = pages.postForm(FormBodies.valid("painScore", 9) + "&submissionKey=" + key);

        assertThat(changed.statusCode()).isEqualTo(422);
        assertThat(changed.body()).contains("href=\"" + location + "\"", "value=\"9\"");
        String freshKey = submissionKey(changed);
        assertThat(freshKey).isNotEqualTo(key);
        assertThat(ownReports()).hasSize(1);

        PageResponse resent = pages.postForm(FormBodies.valid("painScore", 9) + "&submissionKey=" + freshKey);
        assertThat(resent.statusCode()).isEqualTo(303);
        assertThat(resent.header("Location")).isPresent().isNotEqualTo(location);
        assertThat(ownReports()).hasSize(2);
    }

    @Test
    void aFormWithoutAKeyIsStillAccepted() {
        assertThat(pages.postForm(FormBodies.valid()).statusCode()).isEqualTo(303);
        assertThat(pages.postForm(FormBodies.valid()).statusCode()).isEqualTo(303);

        assertThat(ownReports()).hasSize(2);
    }

    @Test
    void aMalformedKeyIsRefusedWith400AndStoresNothing() {
        for (String key : List.of("", "k".repeat(256), "not\u0001printable", "caf\u00e9")) {
            PageResponse response = pages.postForm(FormBodies.valid() + "&submissionKey="
                    + URLEncoder.encode(key, StandardCharsets.UTF_8));

            assertThat(response.statusCode()).as(key).isEqualTo(400);
            assertThat(response.contentType()).startsWith("text/html");
        }
        assertThat(ownReports()).isEmpty();
    }

    private List<UUID> ownReports() {
        return jdbc.queryForList("select id from symptom_report where owner_subject = ?", UUID.class,
                http.patientSubject());
    }

    private static String submissionKey(PageResponse page) {
        Matcher matcher = KEY_FIELD.matcher(page.body());
        assertThat(matcher.find()).as(page.body()).isTrue();
        return matcher.group(1);
    }
}
