package clinic.intake.report;

import clinic.events.triage.Disposition;
import clinic.events.triage.SelfCarePlan;
import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.Tables;
import clinic.intake.TestReports;
import clinic.intake.TriageDecisions;
import clinic.support.testing.PageLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.context.WebApplicationContext;
import clinic.intake.report.PatientPages.PageResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static clinic.intake.TestReports.EMAIL;
import static clinic.intake.TestReports.EXTERNAL_ID;
import static clinic.intake.TestReports.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The patient pages as a logged-in patient sees them (MockMvc with the security chain and an OIDC login):
 * status codes, headers and exact HTML. Reports submitted through the API belong to the same patient.
 */
@IntakeServiceTest
class ReportPagesTest {

    static final Pattern REPORT_PAGE = Pattern.compile("/reports/([0-9a-f-]{36})");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    WebApplicationContext context;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    IntakeHttp http;
    PatientPages pages;
    Tables tables;

    @BeforeEach
    void setUp() {
        http = new IntakeHttp(port);
        pages = PatientPages.as(PatientPages.mockMvc(context), http.patientSubject(), "PATIENT");
        tables = new Tables(jdbc);
    }

    @Test
    void theFormAsksEveryFieldOfTheApiWithTheApisOptionsAndRanges() {
        PageResponse page = pages.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<html lang=\"en\"", "action=\"/reports\"", "method=\"post\"");
        List<String> apiFields = new ArrayList<>();
        for (var component : PatientDetails.class.getRecordComponents()) {
            apiFields.add("patient." + component.getName());
        }
        for (var component : SymptomReportRequest.class.getRecordComponents()) {
            Class<?> type = component.getType();
            if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    assertThat(input(page, component.getName() + "-" + constant)).contains("type=\"radio\"");
                }
            } else if (type == Boolean.class) {
                assertThat(input(page, component.getName() + "-true")).contains("type=\"radio\"");
                assertThat(input(page, component.getName() + "-false")).contains("type=\"radio\"");
            } else if (type == List.class) {
                assertThat(page.body()).contains("name=\"" + component.getName() + "\" value=");
            }
            if (type != PatientDetails.class) {
                apiFields.add(component.getName());
            }
        }
        assertThat(apiFields).hasSize(25)
                .allSatisfy(field -> assertThat(page.body()).contains("name=\"" + field + "\""));
        assertThat(input(page, "painQualities-BURNING")).contains("type=\"checkbox\"");
        assertThat(input(page, "painScore")).contains("type=\"number\"", "min=\"0\"", "max=\"10\"");
        assertThat(input(page, "ageYears")).contains("min=\"1\"", "max=\"120\"");
        assertThat(input(page, "symptomDurationDays")).contains("min=\"0\"", "max=\"3650\"");
        assertThat(input(page, "weeksOfLoadReductionAndRehab")).contains("min=\"0\"", "max=\"520\"");
        assertThat(input(page, "patient.email")).contains("type=\"email\"", "autocomplete=\"email\"", "required");
        assertThat(input(page, "patient.phone")).contains("type=\"tel\"", "autocomplete=\"tel\"")
                .doesNotContain("required", "max=");
        assertThat(page.body()).contains("Your phone number (optional)", "<label for=\"painLocation-BACK_OF_HEEL\">",
                "<legend");
    }

    @Test
    void theHeelLocationHasADiagramWhosePartsAreLabelsOfTheRadioButtonsHiddenFromScreenReaders() {
        String page = pages.get("/").body();

        String diagram = page.substring(page.indexOf("id=\"heel-diagram\""), page.indexOf("class=\"choices\"",
                page.indexOf("id=\"heel-diagram\"")));
        assertThat(diagram).contains("<svg class=\"heel-svg\" viewBox=\"0 0 240 300\" aria-hidden=\"true\"");
        for (String part : List.of("BACK_OF_HEEL", "SIDES_OF_HEEL", "CENTER_OF_HEEL", "BOTTOM_INNER_HEEL")) {
            assertThat(diagram).containsPattern("<label class=\"heel-label heel-label--" + part
                    + "\" for=\"painLocation-" + part + "\"\\s+aria-hidden=\"true\">");
        }
        assertThat(diagram).doesNotContain("painLocation-UNSURE", "<script", "style=");
        assertThat(input(pages.get("/"), "painLocation-UNSURE")).contains("type=\"radio\"");
    }

    @Test
    void myReportsListsThePatientsOwnReportsNewestFirstWithTheirStatusAndNobodyElses() {
        PatientPages mine = PatientPages.as(PatientPages.mockMvc(context), "patient-list-" + UUID.randomUUID(),
                "PATIENT");
        PatientPages someoneElse = PatientPages.as(PatientPages.mockMvc(context), "patient-other-" + UUID.randomUUID(),
                "PATIENT");
        UUID first = reportOf(mine.postForm(FormBodies.valid()));
        UUID second = reportOf(mine.postForm(FormBodies.valid("hasDiabetes", "true")));
        UUID theirs = reportOf(someoneElse.postForm(FormBodies.valid()));

        PageResponse list = mine.get("/reports");

        assertThat(list.statusCode()).isEqualTo(200);
        String page = list.body();
        assertThat(page).contains("My reports", "Received, being checked").doesNotContain(theirs.toString());
        assertThat(page.indexOf("/reports/" + second)).as("newest first").isPositive()
                .isLessThan(page.indexOf("/reports/" + first));
        assertThat(PatientPages.anonymous(PatientPages.mockMvc(context)).get("/reports").statusCode()).isEqualTo(302);
    }

    private static UUID reportOf(PageResponse created) {
        Matcher matcher = REPORT_PAGE.matcher(created.header("Location").orElseThrow());
        assertThat(matcher.matches()).as(created.body()).isTrue();
        return UUID.fromString(matcher.group(1));
    }

    @Test
    void theNameAndAVouchedEmailTheIssuerGivesAreFilledInTheNameStaysEditable() {
        PatientPages named = PatientPages.as(PatientPages.mockMvc(context), "patient-named-" + UUID.randomUUID(), "PATIENT",
                Map.of("name", "Ada Prefilled", "email", "ada@example.org", "email_verified", true));

        PageResponse page = named.get("/");

        assertThat(input(page, "patient.name")).contains("value=\"Ada Prefilled\"").doesNotContain("readonly");
        assertThat(input(page, "patient.email")).contains("value=\"ada@example.org\"", "readonly");
        assertThat(input(pages.get("/"), "patient.name")).doesNotContain("value=\"Ada");
    }

    @Test
    void aNameClaimWithALineBreakIsNotFilledIn() {
        PatientPages named = PatientPages.as(PatientPages.mockMvc(context), "patient-named-" + UUID.randomUUID(), "PATIENT",
                Map.of("name", "Ada\r\nBcc: someone"));

        assertThat(input(named.get("/"), "patient.name")).doesNotContain("Ada");
    }

    @Test
    void aPhoneNumberIsOptionalOnTheFormAndKeptWhenGivenInInternationalFormat() {
        PageResponse without = pages.postForm(FormBodies.valid("patient.phone", ""));
        PageResponse with = pages.postForm(FormBodies.valid("patient.phone", " +441632960123 "));

        assertThat(without.statusCode()).as(without.body()).isEqualTo(303);
        assertThat(with.statusCode()).as(with.body()).isEqualTo(303);
        assertThat(phoneOf(without)).isNull();
        assertThat(phoneOf(with)).isEqualTo("+441632960123");
    }

    @Test
    void aPhoneNumberWithoutItsCountryCodeIsShownAtItsQuestionAndNothingStored() {
        long reportsBefore = tables.reports();

        PageResponse response = pages.postForm(FormBodies.valid("patient.phone", "01632 960123"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response.body(), "patient.phone")).startsWith("Enter the number with + and the country code");
        assertThat(input(response, "patient.phone")).contains("value=\"01632 960123\"", "aria-invalid=\"true\"");
        assertThat(tables.reports()).isEqualTo(reportsBefore);
    }

    private String phoneOf(PageResponse created) {
        Matcher matcher = REPORT_PAGE.matcher(created.header("Location").orElseThrow());
        assertThat(matcher.matches()).isTrue();
        return jdbc.queryForObject("select patient_phone from symptom_report where id = ?", String.class,
                UUID.fromString(matcher.group(1)));
    }

    @Test
    void aValidFormStoresTheSameReportAsTheApiAndRedirectsToItsStatusPageWith303() {
        PageResponse response = pages.postForm(FormBodies.valid());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        String location = response.header("Location").orElseThrow();
        Matcher matcher = REPORT_PAGE.matcher(location);
        assertThat(matcher.matches()).as(location).isTrue();
        UUID reportId = UUID.fromString(matcher.group(1));
        Map<String, Object> row = jdbc.queryForMap("select * from symptom_report where id = ?", reportId);
        assertThat(row).containsEntry("patient_external_id", EXTERNAL_ID).containsEntry("patient_name", NAME)
                .containsEntry("patient_email", EMAIL).containsEntry("status", "RECEIVED")
                .containsEntry("owner_subject", http.patientSubject());
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where message_key = ?", Long.class,
                reportId.toString())).isEqualTo(1L);
        HttpResponse<String> viaApi = http.submit(TestReports.validJson());
        String apiAnswers = jdbc.queryForObject("select answers from symptom_report where id = ?", String.class,
                UUID.fromString(IntakeHttp.json(viaApi).get("reportId").asString()));
        IntakeAnswersJson answers = new IntakeAnswersJson();
        assertThat(answers.convertToEntityAttribute((String) row.get("answers")))
                .isEqualTo(answers.convertToEntityAttribute(apiAnswers));
    }

    @Test
    void anInvalidFormComesBackWith400ErrorsNextToTheQuestionsTheEnteredValuesAndNothingStored() {
        long reportsBefore = tables.reports();
        long outboxBefore = tables.outbox();

        PageResponse response = pages.postForm(FormBodies.valid("painScore", 11,
                "hasDiabetes", null, "ageYears", "abc", "painLocation", "LEFT_TOE",
                "patient.email", "not an email", "patient.name", "<b>Henrietta</b>"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.header("Cache-Control")).hasValue("no-store");
        String page = response.body();
        assertThat(page).contains("<title>Error: Tell us about your heel pain");
        assertThat(error(page, "painScore")).isEqualTo("Enter a whole number from 0 to 10");
        assertThat(error(page, "hasDiabetes")).isEqualTo("Choose an answer");
        assertThat(error(page, "ageYears")).isEqualTo("Enter a whole number, using digits only");
        assertThat(error(page, "painLocation")).isEqualTo("Choose from the options shown");
        assertThat(error(page, "patient.email")).startsWith("Enter an email address");
        assertThat(page).doesNotContain("id=\"trend-error\"", "id=\"patient.name-error\"");
        assertThat(input(response, "painScore")).contains("value=\"11\"", "aria-invalid=\"true\"",
                "aria-describedby=\"painScore-hint painScore-error\"");
        assertThat(input(response, "ageYears")).contains("value=\"abc\"");
        assertThat(input(response, "patient.name")).contains("value=\"&lt;b&gt;Henrietta&lt;/b&gt;\"");
        assertThat(input(response, "trend-STABLE")).contains("checked");
        assertThat(input(response, "painQualities-SHARP")).contains("checked");
        assertThat(input(response, "painQualities-BURNING")).doesNotContain("checked");
        assertThat(page).contains("href=\"#painScore\"", "href=\"#hasDiabetes-true\"")
                .doesNotContain("<b>Henrietta", "Exception");
        assertThat(tables.reports()).isEqualTo(reportsBefore);
        assertThat(tables.outbox()).isEqualTo(outboxBefore);
    }

    @Test
    void blankTextAnswersAndRepeatedSingleAnswersAreRefused() {
        long reportsBefore = tables.reports();

        PageResponse response = pages.postForm(FormBodies.valid("patient.email", "",
                "patient.name", "   ", "trend", List.of("STABLE", "WORSENING")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response.body(), "patient.email")).isEqualTo("Fill this in");
        assertThat(error(response.body(), "patient.name")).isEqualTo("Fill this in");
        assertThat(error(response.body(), "trend")).isEqualTo("Give one answer only");
        assertThat(tables.reports()).isEqualTo(reportsBefore);
    }

    @Test
    void uncheckedCheckboxGroupsMeanNoneOfThese() {
        PageResponse response =
                pages.postForm(FormBodies.valid("painQualities", List.of(), "recentLoadChanges", List.of()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    }

    @Test
    void aNewReportsPageSaysReceivedRefreshesItselfUnlessAskedNotToAndShowsNoPatientData() {
        UUID reportId = submit();

        PageResponse page = pages.get("/reports/" + reportId);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Cache-Control")).hasValue("no-store");
        assertThat(page.header("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).contains("We have received your report", reportId.toString(),
                "<meta http-equiv=\"refresh\" content=\"1\">", "href=\"/reports/" + reportId + "?refresh=off\"")
                .doesNotContain(NAME, EMAIL, EXTERNAL_ID);
        PageResponse still = pages.get("/reports/" + reportId + "?refresh=off");
        assertThat(still.body()).contains("We have received your report").doesNotContain("http-equiv=\"refresh\"");
    }

    @ParameterizedTest
    @EnumSource(Disposition.class)
    void aTriagedReportsPageSaysWhatHappensNextAndShowsThePlanButNoInternals(Disposition disposition) {
        UUID reportId = submit();
        boolean withPlan = disposition == Disposition.SELF_CARE || disposition == Disposition.ROUTINE_REVIEW;
        SelfCarePlan plan = withPlan ? TriageDecisions.plan(disposition.name().toLowerCase()) : null;

        TriageDecisions.publish(kafka, reportId, disposition, plan);

        String page = awaitTriagedPage(reportId);
        assertThat(page).contains(switch (disposition) {
            case EMERGENCY -> "Seek emergency care now";
            case URGENT_REVIEW -> "A clinician will contact you today";
            case ROUTINE_REVIEW -> "A clinician will review your report within a few days";
            case SELF_CARE -> "You can look after this yourself for now";
        });
        if (withPlan) {
            assertThat(page).contains(plan.summary(), plan.advice().get(1), plan.watchFor().get(0),
                    plan.howToGetHelp(), plan.expectedCourse(), plan.recheck(), "It is not a diagnosis");
        } else {
            assertThat(page).doesNotContain("What to do", "self-care plan");
        }
        assertThat(page).doesNotContain("http-equiv=\"refresh\"", disposition.name(), "heel-pain", "dddd",
                NAME, EMAIL, EXTERNAL_ID);
    }

    @Test
    void aSelfCareReportWithoutAPlanSaysTheTeamWillBeInTouch() {
        UUID reportId = submit();

        TriageDecisions.publish(kafka, reportId, Disposition.SELF_CARE, null);

        assertThat(awaitTriagedPage(reportId)).contains("Your written advice is not ready",
                "A member of the clinic team will look at your report");
    }

    @Test
    void unknownReportsAndPagesGetTheHtml404PageWhileTheApiKeepsProblemJson() throws Exception {
        for (String path : List.of("/reports/" + UUID.randomUUID(), "/reports/not-a-report", "/reports/1-1-1-1-1")) {
            PageResponse page = pages.get(path);

            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.contentType()).as(path).startsWith("text/html");
            assertThat(page.body()).as(path).contains("<h1>Page not found</h1>")
                    .doesNotContain("Exception", "Whitelabel", "\"status\"");
        }
        // addresses the pages' route table does not list: refused before any handler, as the same 404 page (over
        // real HTTP: the page comes from the container's error dispatch, which MockMvc does not make)
        PageLogin login = PageLogin.as(port, "clinic", http.patientSubject(), "PATIENT", "/");
        for (String path : List.of("/reports/" + UUID.randomUUID() + "/more", "/no-such-page")) {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + port + path)).header("Cookie", login.cookies())
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(IntakeHttp.contentType(page)).as(path).startsWith("text/html");
            assertThat(page.body()).as(path).contains("<h1>Page not found</h1>")
                    .doesNotContain("Exception", "Whitelabel", "\"status\"");
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
        }
        // the API's route table refuses what it does not list (a token, so 403), in its own format
        HttpResponse<String> api = http.get("/api/v1/no-such-endpoint");
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(IntakeHttp.contentType(api)).startsWith("application/problem+json");
    }

    @Test
    void theStyleSheetIsServed() {
        PageResponse css = pages.get("/intake.css");

        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.contentType()).startsWith("text/css");
        assertThat(css.body()).contains(".error-message");
    }

    private String awaitTriagedPage(UUID reportId) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !pages.get("/reports/" + reportId).body().contains("We have received your report"));
        PageResponse page = pages.get("/reports/" + reportId);
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    private UUID submit() {
        HttpResponse<String> response = http.submit(TestReports.validJson());
        assertThat(response.statusCode()).isEqualTo(202);
        return UUID.fromString(IntakeHttp.json(response).get("reportId").asString());
    }

    /** The whole {@code <input>} tag with this id. */
    private static String input(PageResponse page, String id) {
        Matcher matcher = Pattern.compile("<input[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(page.body());
        assertThat(matcher.find()).as("input " + id).isTrue();
        return matcher.group();
    }

    /** The text of a field's error message, without the screen reader prefix. */
    private static String error(String page, String field) {
        Matcher matcher = Pattern.compile("id=\"" + Pattern.quote(field) + "-error\">\\s*"
                + "<span class=\"visually-hidden\">Error:</span>\\s*([^<]*?)\\s*</p>").matcher(page);
        assertThat(matcher.find()).as("error of " + field).isTrue();
        return matcher.group(1);
    }

}
