package clinic.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clinicians' workspace in a real browser (Debian's chromium, headless) on the running platform: a clinician
 * signs in at the local issuer, watches the work queue while a red-flag report arrives through the API, opens its
 * case and finds the patient to call, acknowledges it, closes the review with another disposition than the rules'
 * and finds it on the agreement page; a patient's login and an anonymous visitor get nothing. One browser for the
 * class, its tests in order.
 */
@ExtendWith(SharedPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClinicianPagesBrowserTest {

    @RegisterExtension
    static final HeadlessChromium CHROMIUM = HeadlessChromium.forTestClass();

    /** The promise: an urgent report is on the open queue this soon after its 202, without a reload. */
    private static final Duration ON_THE_QUEUE_WITHIN = Duration.ofSeconds(2);
    private static final String PATIENT_NAME = "Morgan Browserpatient";
    private static final String PATIENT_PHONE = "+441632960555";

    private static WebDriver browser;
    private static String workspace;
    private static String issuer;
    private static UUID urgentReport;

    @BeforeAll
    static void openBrowser() {
        workspace = SharedPlatform.running().settings().notificationBaseUrl();
        issuer = SharedPlatform.running().settings().issuer();
        browser = CHROMIUM.driver();
    }

    @Test
    @Order(1)
    void aClinicianSignsInAtTheIssuerAndSeesTheLiveQueue() {
        CHROMIUM.signIn(workspace, issuer, "clinician-demo");

        waitUntil(Duration.ofSeconds(30), driver -> driver.getTitle().equals("Work queue - Clinician workspace"));
        assertThat(browser.findElement(By.cssSelector(".signed-in")).getText()).contains("clinician-demo");
        waitUntil(Duration.ofSeconds(10), driver -> liveStatus().startsWith("Live"));
    }

    @Test
    @Order(2)
    void aRedFlagReportAppearsOnTheOpenQueueWithinTwoSecondsWithoutAReload() {
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = 'not reloaded';");

        urgentReport = SharedPlatform.running().client().accept(SampleReports.with(SampleReports.numbness(), "patient",
                Map.of("externalId", "BROWSER-CASE-1", "name", PATIENT_NAME, "email", "morgan@example.org",
                        "phone", PATIENT_PHONE)));
        long accepted = System.nanoTime();
        waitUntil(ON_THE_QUEUE_WITHIN, driver -> !alertRows(urgentReport).isEmpty());
        System.out.printf("red-flag report on the open queue %d ms after its 202, without a reload%n",
                (System.nanoTime() - accepted) / 1_000_000);

        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument;"))
                .as("the row came in without the page being loaded again").isEqualTo("not reloaded");
        WebElement row = alertRows(urgentReport).get(0);
        assertThat(row.getText()).contains("P2", "Urgent review", "Numbness");
    }

    @Test
    @Order(3)
    void theCaseShowsThePatientToCall() {
        alertRows(urgentReport).get(0).findElement(By.cssSelector("a")).click();

        waitUntil(Duration.ofSeconds(10), driver -> driver.getTitle().equals("Case - Clinician workspace"));
        assertThat(browser.findElement(By.id("patient-name")).getText()).isEqualTo(PATIENT_NAME);
        assertThat(browser.findElement(By.id("patient-phone")).getText()).isEqualTo(PATIENT_PHONE);
        assertThat(browser.findElement(By.id("patient-number")).getText()).isEqualTo("BROWSER-CASE-1");
        assertThat(browser.findElement(By.id("rules-disposition")).getText()).isEqualTo("Urgent review");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Numbness", "Open alert");
    }

    @Test
    @Order(4)
    void acknowledgingOnTheCaseTakesTheAlertOffTheQueue() {
        browser.findElement(By.cssSelector("#main form[action*='acknowledgement'] button")).click();

        waitUntil(Duration.ofSeconds(10), driver -> driver.getTitle().equals("Case - Clinician workspace")
                && driver.findElement(By.tagName("main")).getText().contains("Acknowledged"));
        browser.findElement(By.linkText("Back to the work queue")).click();
        waitUntil(Duration.ofSeconds(10), driver -> driver.getTitle().equals("Work queue - Clinician workspace"));
        assertThat(alertRows(urgentReport)).isEmpty();
        PlatformClient.Response alerts = SharedPlatform.running().client().alerts();
        assertThat(alerts.body()).doesNotContain(urgentReport.toString());
    }

    @Test
    @Order(5)
    void closingTheReviewAsMoreUrgentPutsTheCaseOnTheAgreementPage() {
        browser.get(workspace + "/cases/" + urgentReport);
        waitUntil(Duration.ofSeconds(10), driver -> driver.getTitle().equals("Case - Clinician workspace"));
        browser.findElement(By.cssSelector("label[for='disposition']")).click(); // Emergency
        browser.findElement(By.cssSelector("label[for='condition-CALCANEAL_STRESS_FRACTURE']")).click();
        browser.findElement(By.id("note")).sendKeys("Called; sent for an X-ray today.");
        browser.findElement(By.xpath("//button[normalize-space()='Close the review']")).click();

        waitUntil(Duration.ofSeconds(10), driver -> driver.findElements(By.id("clinician-disposition")).size() == 1);
        assertThat(browser.findElement(By.id("clinician-disposition")).getText()).isEqualTo("Emergency");
        browser.findElement(By.linkText("agreement page")).click();
        waitUntil(Duration.ofSeconds(10), driver -> driver.getTitle().equals("Agreement - Clinician workspace"));
        assertThat(browser.findElements(By.cssSelector("table.under-triage a[href='/cases/" + urgentReport + "']")))
                .hasSize(1);
    }

    @Test
    @Order(6)
    void anAnonymousVisitorIsSentToTheLoginAndAPatientIsRefused() {
        browser.findElement(By.cssSelector(".sign-out button")).click();
        waitUntil(Duration.ofSeconds(10), driver -> driver.getTitle().startsWith("Signed out"));

        // signed out and the issuer's session gone: the pages send an anonymous visitor to the login
        CHROMIUM.signIn(workspace, issuer, "patient-demo");
        assertThat(browser.getTitle()).isEqualTo("Not for this account - Clinician workspace");
        assertThat(browser.getPageSource()).doesNotContain("Work queue", "Acknowledge", urgentReport.toString());
    }

    private static List<WebElement> alertRows(UUID reportId) {
        return browser.findElements(By.xpath("//table[contains(@class,'alerts')]//tr[.//code[text()='"
                + reportId + "']]"));
    }

    private static String liveStatus() {
        return browser.findElement(By.id("live-status")).getText();
    }

    private static void waitUntil(Duration limit, java.util.function.Function<WebDriver, Boolean> condition) {
        CHROMIUM.waitUntil(limit, condition);
    }
}
