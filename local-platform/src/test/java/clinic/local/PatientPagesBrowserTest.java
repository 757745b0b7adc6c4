package clinic.local;


import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patient pages in a real browser (Debian's chromium, headless, through chromedriver) on the running
 * platform: the patient is sent to the local issuer's login form, signs in as patient-demo, comes back to
 * the intake form (authorization code with PKCE, done by the browser and the services), fills it in by
 * clicking labels and typing, and sees the real triage decision's plan appear on the status page.
 * One browser, one login, for the whole class.
 */
@ExtendWith(SharedPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PatientPagesBrowserTest {

    @RegisterExtension
    static final HeadlessChromium CHROMIUM = HeadlessChromium.forTestClass();

    private static final Pattern REPORT_PAGE = Pattern.compile("/reports/([0-9a-f-]{36})");
    private static final String NAME = "Robin Browser";
    /** The fill of a chosen part of the heel diagram (intake.css): the clinic's blue. */
    private static final String CHOSEN_FILL = "rgb(29, 79, 145)";

    private static WebDriver browser;
    private static String intake;
    private static String issuer;

    @BeforeAll
    static void openBrowser() {
        intake = SharedPlatform.running().settings().intakeBaseUrl();
        issuer = SharedPlatform.running().settings().issuer();
        browser = CHROMIUM.driver();
    }

    @Test
    @Order(1)
    void aPatientSignsInAtTheIssuerAndComesBackToTheForm() {
        browser.get(intake + "/");
        waitUntil(driver -> driver.getCurrentUrl().startsWith(issuer + "/login"));
        type("username", "patient-demo");
        type("password", "patient-demo");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        // back on the form (Spring Security's saved request may add "?continue" to the address)
        waitUntil(driver -> driver.getCurrentUrl().startsWith(intake + "/")
                && !driver.findElements(By.id("painScore")).isEmpty());
        assertThat(URI.create(browser.getCurrentUrl()).getPath()).isEqualTo("/");
        assertThat(browser.findElement(By.cssSelector("input[name=_csrf]")).getDomProperty("value")).isNotBlank();
        assertThat(browser.findElements(By.id("painScore"))).hasSize(1);
    }

    @Test
    @Order(2)
    void aSignedInPatientSendsTheFormAndSeesTheRealPlanWithoutReloading() {
        browser.get(intake + "/");
        fillInEverything();
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        waitUntil(driver -> REPORT_PAGE.matcher(path()).matches());
        assertThat(browser.findElement(By.id("report-status")).getText()).contains("We have received your report");
        PlatformClient client = SharedPlatform.running().client();
        PlatformClient.Response audit = client.auditEvents(SharedPlatform.running().settings().intakePort(),
                shownReport().toString(), "PATIENT");
        assertThat(audit.json().valueStream().map(row -> row.get("action").asString() + " "
                + row.get("outcome").asString() + " " + row.get("actor").asString()))
                .as("the audit trail names the signed-in patient as the report's sender")
                .contains("REPORT_FORM_SUBMIT ALLOWED patient-demo");

        // triage decides for real; the page reloads itself (meta refresh) while the report waits
        waitUntil(driver -> driver.findElements(By.id("plan-title")).size() == 1);
        assertThat(browser.findElement(By.id("plan-title")).getText()).isEqualTo("Your self-care plan");
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain(NAME);
    }

    @Test
    @Order(3)
    void aMissingAnswerAndAnOutOfRangeNumberAreShownAtTheirQuestionsWithTheAnswersKept() {
        browser.get(intake + "/");
        fillInEverything("hasDiabetes");
        type("painScore", "11");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        waitUntil(driver -> driver.getTitle().startsWith("Error:"));
        assertThat(path()).isEqualTo("/reports");
        assertThat(browser.findElement(By.id("error-summary")).getText())
                .contains("Do you have diabetes? – Choose an answer");
        assertThat(browser.findElement(By.id("painScore")).getDomProperty("value")).isEqualTo("11");
        assertThat(browser.findElement(By.id("patient.name")).getDomProperty("value")).isEqualTo(NAME);
    }

    @Test
    @Order(4)
    void anotherPatientsReportAndAnUnknownOneBothShowTheNotFoundPage() {
        UUID someoneElses = SharedPlatform.running().client().accept(SampleReports.selfCare());
        for (String id : new String[] {someoneElses.toString(), UUID.randomUUID().toString()}) {
            browser.get(intake + "/reports/" + id);
            assertThat(browser.getTitle()).isEqualTo("Page not found - Heel Pain Clinic");
            assertThat(browser.getPageSource()).doesNotContain("Exception", "Whitelabel");
        }
    }

    @Test
    @Order(5)
    void theHeelDiagramChoosesAPartByClickOrTapAndFollowsTheKeyboard() {
        browser.get(intake + "/");
        browser.findElement(By.cssSelector(".heel-label--CENTER_OF_HEEL")).click();

        assertThat(browser.findElement(By.id("painLocation-CENTER_OF_HEEL")).isSelected()).isTrue();
        assertThat(fillOf("CENTER_OF_HEEL")).isEqualTo(CHOSEN_FILL);

        // the radio buttons stay the keyboard's way in: the next one down is chosen, and the picture follows
        browser.findElement(By.id("painLocation-CENTER_OF_HEEL")).sendKeys(Keys.ARROW_DOWN);
        assertThat(browser.findElement(By.id("painLocation-SIDES_OF_HEEL")).isSelected()).isTrue();
        assertThat(fillOf("SIDES_OF_HEEL")).isEqualTo(CHOSEN_FILL);
        assertThat(fillOf("CENTER_OF_HEEL")).isNotEqualTo(CHOSEN_FILL);
    }

    /** Where "My reports" leads: the reports this patient sent, with their status. */
    @Test
    @Order(6)
    void myReportsListsTheReportSentThroughTheForm() {
        browser.get(intake + "/");
        browser.findElement(By.linkText("My reports")).click();

        waitUntil(driver -> driver.getTitle().equals("My reports - Heel Pain Clinic"));
        assertThat(browser.findElements(By.cssSelector("table.reports tbody tr"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("table.reports")).getText()).contains("Your self-care plan is ready");
    }

    private static String fillOf(String part) {
        return browser.findElement(By.cssSelector(".heel-region--" + part)).getCssValue("fill");
    }

    /** Answers every question as a patient would, by typing and by clicking the option labels. */
    private static void fillInEverything(String... leaveOpen) {
        Set<String> open = Set.of(leaveOpen);
        type("patient.externalId", "BROWSER-1");
        type("patient.name", NAME);
        type("patient.email", "robin.browser@example.org");
        type("patient.phone", "+441632960123");
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

    private static void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private static String path() {
        String url = browser.getCurrentUrl();
        return url.startsWith(intake) ? url.substring(intake.length()) : url;
    }

    private static void waitUntil(Function<WebDriver, Boolean> condition) {
        CHROMIUM.waitUntil(Duration.ofSeconds(30), condition);
    }

    /** The report id of the status page the browser shows. */
    private static UUID shownReport() {
        Matcher page = REPORT_PAGE.matcher(path());
        assertThat(page.matches()).isTrue();
        return UUID.fromString(page.group(1));
    }
}
