package clinic.local;

import clinic.support.testing.RequiredTool;
import clinic.support.testing.RequiredTools;
import org.junit.jupiter.api.AfterAll;
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

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clinicians' workspace in a real browser (Debian's chromium, headless) on the running platform: a clinician
 * signs in at the local issuer, watches the work queue while a red-flag report arrives through the API, and
 * acknowledges it; a patient's login and an anonymous visitor get nothing. One browser for the class.
 */
@ExtendWith(SharedPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClinicianPagesBrowserTest {

    @RegisterExtension
    static final RequiredTools BROWSER = RequiredTools.forClass(RequiredTool.CHROMIUM, RequiredTool.CHROMEDRIVER);

    /** The promise: an urgent report is on the open queue this soon after its 202, without a reload. */
    private static final Duration ON_THE_QUEUE_WITHIN = Duration.ofSeconds(2);

    private static HeadlessChromium chromium;
    private static WebDriver browser;
    private static String workspace;
    private static String issuer;
    private static UUID urgentReport;

    @BeforeAll
    static void startBrowser() throws IOException {
        workspace = SharedPlatform.running().settings().notificationBaseUrl();
        issuer = SharedPlatform.running().settings().issuer();
        chromium = HeadlessChromium.start(ClinicianPagesBrowserTest.class);
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    @Order(1)
    void aClinicianSignsInAtTheIssuerAndSeesTheLiveQueue() {
        browser.get(workspace + "/");
        signInAs("clinician-demo");

        waitUntil(Duration.ofSeconds(30), driver -> driver.getTitle().equals("Work queue - Clinician workspace"));
        assertThat(browser.findElement(By.cssSelector(".signed-in")).getText()).contains("clinician-demo");
        waitUntil(Duration.ofSeconds(10), driver -> liveStatus().startsWith("Live"));
    }

    @Test
    @Order(2)
    void aRedFlagReportAppearsOnTheOpenQueueWithinTwoSecondsWithoutAReload() {
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = 'not reloaded';");

        urgentReport = SharedPlatform.running().client().accept(SampleReports.numbness());
        waitUntil(ON_THE_QUEUE_WITHIN, driver -> !alertRows(urgentReport).isEmpty());

        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument;"))
                .as("the row came in without the page being loaded again").isEqualTo("not reloaded");
        WebElement row = alertRows(urgentReport).get(0);
        assertThat(row.getText()).contains("P2", "Urgent review", "Numbness");
    }

    @Test
    @Order(3)
    void acknowledgingTheAlertTakesItOffTheQueue() {
        alertRows(urgentReport).get(0).findElement(By.cssSelector("button[type=submit]")).click();

        waitUntil(Duration.ofSeconds(10), driver -> alertRows(urgentReport).isEmpty()
                && driver.getTitle().equals("Work queue - Clinician workspace"));
        PlatformClient.Response alerts = SharedPlatform.running().client().alerts();
        assertThat(alerts.body()).doesNotContain(urgentReport.toString());
    }

    @Test
    @Order(4)
    void anAnonymousVisitorIsSentToTheLoginAndAPatientIsRefused() {
        browser.findElement(By.cssSelector(".sign-out button")).click();
        waitUntil(Duration.ofSeconds(10), driver -> driver.getTitle().startsWith("Signed out"));
        browser.manage().deleteAllCookies();
        browser.get(issuer + "/"); // the issuer's own session cookie lives on its address
        browser.manage().deleteAllCookies();

        browser.get(workspace + "/");
        waitUntil(Duration.ofSeconds(10), driver -> driver.getCurrentUrl().startsWith(issuer + "/login"));

        signInAs("patient-demo");
        waitUntil(Duration.ofSeconds(30), driver -> driver.getCurrentUrl().startsWith(workspace));
        assertThat(browser.getTitle()).isEqualTo("Not for this account - Clinician workspace");
        assertThat(browser.getPageSource()).doesNotContain("Work queue", "Acknowledge", urgentReport.toString());
    }

    private static void signInAs(String user) {
        waitUntil(Duration.ofSeconds(30), driver -> driver.getCurrentUrl().startsWith(issuer + "/login"));
        WebElement username = browser.findElement(By.id("username"));
        username.clear();
        username.sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private static List<WebElement> alertRows(UUID reportId) {
        return browser.findElements(By.xpath("//table[contains(@class,'alerts')]//tr[.//code[text()='"
                + reportId + "']]"));
    }

    private static String liveStatus() {
        return browser.findElement(By.id("live-status")).getText();
    }

    private static void waitUntil(Duration limit, java.util.function.Function<WebDriver, Boolean> condition) {
        chromium.waitUntil(limit, condition);
    }
}
