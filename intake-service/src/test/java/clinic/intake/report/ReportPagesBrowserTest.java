package clinic.intake.report;

import clinic.events.triage.Disposition;
import clinic.events.triage.SelfCarePlan;
import clinic.intake.IntakeServiceTest;
import clinic.intake.Tables;
import clinic.intake.TriageDecisions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.FileSystemUtils;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;

import static clinic.intake.TestReports.EMAIL;
import static clinic.intake.TestReports.EXTERNAL_ID;
import static clinic.intake.TestReports.NAME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patient pages in a real browser (Debian's chromium, headless, through chromedriver): a patient
 * fills in the form by clicking labels and typing, as a person would. One browser for the whole class.
 */
@IntakeServiceTest
class ReportPagesBrowserTest {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    static WebDriver browser;
    static Path profile;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    String base;

    @BeforeAll
    static void startBrowser() throws IOException {
        assertThat(new File(CHROMIUM)).as("install chromium and chromium-driver (see .ci/run)").canRead();
        assertThat(new File(CHROMEDRIVER)).as("install chromium and chromium-driver (see .ci/run)").canRead();
        profile = Files.createTempDirectory("intake-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile);
        }
    }

    @BeforeEach
    void setUp() {
        base = "http://localhost:" + port;
    }

    @Test
    void aPatientSendsTheFormSeesItReceivedAndThenTheirPlanWithoutReloading() {
        browser.get(base + "/");
        fillInEverything();

        browser.findElement(By.cssSelector("button[type=submit]")).click();

        waitUntil(driver -> ReportPagesTest.REPORT_PAGE.matcher(path()).matches());
        Matcher page = ReportPagesTest.REPORT_PAGE.matcher(path());
        assertThat(page.matches()).isTrue();
        UUID reportId = UUID.fromString(page.group(1));
        assertThat(browser.findElement(By.id("report-status")).getText()).contains("We have received your report");
        Map<String, Object> row = jdbc.queryForMap("select * from symptom_report where id = ?", reportId);
        assertThat(row).containsEntry("patient_name", NAME).containsEntry("patient_email", EMAIL)
                .containsEntry("patient_external_id", EXTERNAL_ID);
        assertThat((String) row.get("answers")).contains("\"painScore\":4", "\"painLocation\":\"BACK_OF_HEEL\"",
                "\"ACHING\"", "\"HILLS\"", "\"symptomDurationDays\":30");

        SelfCarePlan plan = TriageDecisions.plan("browser");
        TriageDecisions.publish(kafka, reportId, Disposition.SELF_CARE, plan);

        // The page reloads itself (meta refresh) while the report waits; the test never reloads it.
        waitUntil(driver -> driver.findElements(By.id("plan-title")).size() == 1);
        assertThat(browser.findElement(By.id("plan-title")).getText()).isEqualTo("Your self-care plan");
        String text = browser.findElement(By.tagName("main")).getText();
        assertThat(text).contains("You can look after this yourself for now", plan.summary(),
                plan.advice().get(0), plan.watchFor().get(1), plan.howToGetHelp(), plan.expectedCourse(),
                plan.recheck()).doesNotContain("We have received your report", NAME, EMAIL);
    }

    @Test
    void aMissingAnswerAndAnOutOfRangeNumberAreShownAtTheirQuestionsWithTheAnswersKeptAndNothingStored() {
        Tables tables = new Tables(jdbc);
        long reportsBefore = tables.reports();
        browser.get(base + "/");
        fillInEverything("hasDiabetes");
        type("painScore", "11");

        browser.findElement(By.cssSelector("button[type=submit]")).click();

        waitUntil(driver -> driver.getTitle().startsWith("Error:"));
        assertThat(path()).isEqualTo("/reports");
        WebElement summary = browser.findElement(By.id("error-summary"));
        assertThat(summary.isDisplayed()).isTrue();
        assertThat(summary.getText()).contains("Do you have diabetes? – Choose an answer",
                "At its worst, how bad is the pain, from 0 to 10? – Enter a whole number from 0 to 10");
        assertThat(textOf("painScore-error")).isEqualTo("Error: Enter a whole number from 0 to 10");
        assertThat(textOf("hasDiabetes-error")).isEqualTo("Error: Choose an answer");
        assertThat(browser.findElement(By.id("painScore")).getDomProperty("value")).isEqualTo("11");
        assertThat(browser.findElement(By.id("patient.name")).getDomProperty("value")).isEqualTo(NAME);
        assertThat(browser.findElement(By.id("painLocation-BACK_OF_HEEL")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("hasDiabetes-true")).isSelected()).isFalse();
        assertThat(browser.findElement(By.id("hasDiabetes-false")).isSelected()).isFalse();
        assertThat(tables.reports()).isEqualTo(reportsBefore);

        summary.findElement(By.linkText("At its worst, how bad is the pain, from 0 to 10? – Enter a whole number "
                + "from 0 to 10")).click();
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("painScore");
    }

    @Test
    void anUnknownReportShowsTheNotFoundPage() {
        browser.get(base + "/reports/" + UUID.randomUUID());

        assertThat(browser.getTitle()).isEqualTo("Page not found - Heel Pain Clinic");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
        assertThat(browser.getPageSource()).doesNotContain("Exception", "Whitelabel");
    }

    /** Answers every question as a patient would, by typing and by clicking the option labels. */
    private void fillInEverything(String... leaveOpen) {
        Set<String> open = Set.of(leaveOpen);
        type("patient.externalId", EXTERNAL_ID);
        type("patient.name", NAME);
        type("patient.email", EMAIL);
        type("ageYears", "38");
        type("painScore", "4");
        type("symptomDurationDays", "30");
        type("weeksOfLoadReductionAndRehab", "1");
        for (String choice : new String[] {"hasDiabetes-false", "painLocation-BACK_OF_HEEL", "painQualities-ACHING",
                "worstOnFirstStepsAfterRest-true", "easesOnceMoving-true", "worseWithActivity-true",
                "painAtRest-NONE", "trend-STABLE", "worseningDespiteReducedLoad-false", "canWalkNormally-true",
                "canRunNormally-true", "painOnSqueezingHeelSides-false", "tenderBackOfHeelToPressure-true",
                "suddenOnsetWithPopOrSnap-false", "recentLoadChanges-HILLS", "returnsWhenRunningResumes-false"}) {
            if (!open.contains(choice.substring(0, choice.indexOf('-')))) {
                browser.findElement(By.cssSelector("label[for='" + choice + "']")).click();
                assertThat(browser.findElement(By.id(choice)).isSelected()).as(choice).isTrue();
            }
        }
    }

    private void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    /** An element's text as a screen reader reads it: the visually hidden "Error:" prefix included. */
    private String textOf(String id) {
        return browser.findElement(By.id(id)).getText().replaceAll("\\s+", " ");
    }

    private String path() {
        return browser.getCurrentUrl().substring(base.length());
    }

    private void waitUntil(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition::apply);
    }
}
