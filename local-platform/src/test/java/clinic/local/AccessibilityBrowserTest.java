package clinic.local;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page of both sites, the patients' and the clinicians', measured with axe-core (WCAG 2.1 A and AA rules) in
 * Debian's chromium, on a desktop window and on a phone's (390 x 844): no serious or critical violation, and no
 * page wider than the phone. Then both sites by keyboard alone: the patient form's every question can be reached
 * with Tab, and a clinician acknowledges an alert without a mouse, each focused control visibly marked.
 */
@ExtendWith(SharedPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessibilityBrowserTest {

    @RegisterExtension
    static final HeadlessChromium CHROMIUM = HeadlessChromium.forTestClass();

    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final Set<String> BLOCKING = Set.of("serious", "critical");
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Dimension PHONE = new Dimension(390, 844);

    private static WebDriver browser;
    private static PlatformSettings settings;
    private static UUID urgentReport;

    @BeforeAll
    static void openBrowser() {
        settings = SharedPlatform.running().settings();
        browser = CHROMIUM.driver();
        urgentReport = SharedPlatform.running().client().accept(SampleReports.numbness());
    }

    @Test
    @Order(1)
    void thePatientPagesHaveNoSeriousOrCriticalViolationOnADesktopOrAPhone() {
        signIn(settings.intakeBaseUrl(), "patient-demo");
        // a report of this patient, sent over HTTP as the form sends it, for its status page
        HttpResponse<String> sent = SharedPlatform.running().client().patientBrowser()
                .submitForm(PatientForms.selfCare());
        String statusPage = sent.headers().firstValue("Location").orElseThrow();

        List<String> findings = new ArrayList<>();
        findings.addAll(measure("patient form", settings.intakeBaseUrl() + "/"));
        findings.addAll(measure("patient form with errors", () -> {
            browser.get(settings.intakeBaseUrl() + "/");
            submitWithoutBrowserChecks("form[action='/reports']");
        }));
        findings.addAll(measure("report status page", settings.intakeBaseUrl() + statusPage));
        findings.addAll(measure("my reports", settings.intakeBaseUrl() + "/reports"));
        findings.addAll(measure("page not found", settings.intakeBaseUrl() + "/reports/" + UUID.randomUUID()));

        assertThat(findings).as("serious or critical accessibility violations, or a page wider than a phone")
                .isEmpty();
    }

    @Test
    @Order(2)
    void theClinicianPagesHaveNoSeriousOrCriticalViolationOnADesktopOrAPhone() {
        signIn(settings.notificationBaseUrl(), "clinician-demo");
        CHROMIUM.waitUntil(Duration.ofSeconds(20), driver -> !driver.findElements(
                By.xpath("//code[text()='" + urgentReport + "']")).isEmpty());

        List<String> findings = new ArrayList<>();
        findings.addAll(measure("work queue", settings.notificationBaseUrl() + "/"));
        findings.addAll(measure("case page", settings.notificationBaseUrl() + "/cases/" + urgentReport));
        findings.addAll(measure("case page with errors", () -> {
            browser.get(settings.notificationBaseUrl() + "/cases/" + urgentReport);
            submitWithoutBrowserChecks("form[action$='/review']");
        }));
        findings.addAll(measure("agreement page", settings.notificationBaseUrl() + "/agreement"));
        findings.addAll(measure("clinician page not found", settings.notificationBaseUrl() + "/cases/"
                + UUID.randomUUID()));

        assertThat(findings).as("serious or critical accessibility violations, or a page wider than a phone")
                .isEmpty();
    }

    @Test
    @Order(3)
    void aClinicianAcknowledgesAnAlertWithTheKeyboardAloneOnAPhone() {
        UUID report = SharedPlatform.running().client().accept(SampleReports.numbness());
        browser.manage().window().setSize(PHONE);
        browser.get(settings.notificationBaseUrl() + "/");
        CHROMIUM.waitUntil(Duration.ofSeconds(20), driver -> !driver.findElements(
                By.xpath("//code[text()='" + report + "']")).isEmpty());

        String target = "Acknowledge the P2 alert for report " + report;
        WebElement focused = null;
        for (int tab = 0; tab < 200; tab++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            focused = browser.switchTo().activeElement();
            assertThat(visiblyFocused(focused)).as("focus is visible on %s", describe(focused)).isTrue();
            if (target.equals(focused.getAttribute("aria-label"))) {
                break;
            }
        }
        assertThat(focused.getAttribute("aria-label")).isEqualTo(target);
        new Actions(browser).sendKeys(Keys.ENTER).perform();

        CHROMIUM.waitUntil(Duration.ofSeconds(10), driver -> driver.findElements(
                By.xpath("//table[contains(@class,'alerts')]//code[text()='" + report + "']")).isEmpty());
        assertThat(SharedPlatform.running().client().alerts().body()).doesNotContain(report.toString());
    }

    @Test
    @Order(4)
    void everyQuestionOfThePatientFormIsReachedWithTheKeyboardAlone() {
        signIn(settings.intakeBaseUrl(), "patient-demo");
        browser.manage().window().setSize(PHONE);
        browser.get(settings.intakeBaseUrl() + "/");
        // tabbing before the form is there (a slow load on a busy machine) would leave the focus on <body>
        CHROMIUM.waitUntil(Duration.ofSeconds(20), driver -> driver.findElements(By.tagName("button")).stream()
                .anyMatch(button -> button.getText().contains("Send my answers")));

        Set<String> reached = new LinkedHashSet<>();
        for (int tab = 0; tab < 200; tab++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            WebElement focused = browser.switchTo().activeElement();
            assertThat(visiblyFocused(focused)).as("focus is visible on %s", describe(focused)).isTrue();
            String name = focused.getAttribute("name");
            if (name != null && !name.isEmpty()) {
                reached.add(name);
            }
            if ("submit".equals(focused.getAttribute("type")) && "BUTTON".equalsIgnoreCase(focused.getTagName())
                    && focused.getText().contains("Send my answers")) {
                break;
            }
        }
        Set<String> questions = new LinkedHashSet<>();
        for (WebElement input : browser.findElements(By.cssSelector("form[action='/reports'] input:not([type=hidden])"))) {
            questions.add(input.getAttribute("name"));
        }
        assertThat(questions).hasSizeGreaterThan(20);
        assertThat(reached).as("every question reached by Tab (a radio group once)").containsAll(questions);
    }

    /** Opens the page at both sizes and lists what fails. */
    private static List<String> measure(String what, String address) {
        return measure(what, () -> browser.get(address));
    }

    private static List<String> measure(String what, Runnable open) {
        List<String> findings = new ArrayList<>();
        for (Dimension size : List.of(DESKTOP, PHONE)) {
            browser.manage().window().setSize(size);
            open.run();
            String where = what + " at " + size.getWidth() + "x" + size.getHeight();
            Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(browser);
            assertThat(results.isErrored()).as("axe ran on %s", where).isFalse();
            int all = results.getViolations().size();
            for (Rule rule : results.getViolations()) {
                if (BLOCKING.contains(rule.getImpact())) {
                    findings.add(where + ": " + rule.getImpact() + " " + rule.getId() + " on "
                            + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList());
                }
            }
            Object wider = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
            if (Boolean.TRUE.equals(wider)) {
                findings.add(where + ": wider than the window (horizontal scrolling)");
            }
            System.out.printf("axe-core: %s: %d rule(s) violated, %d serious or critical, %d passed%n", where, all,
                    findings.stream().filter(f -> f.startsWith(where)).count(), results.getPasses().size());
        }
        return findings;
    }

    private static void signIn(String site, String user) {
        browser.manage().window().setSize(DESKTOP);
        CHROMIUM.signIn(site, settings.issuer(), user);
    }

    /** Sends a form as it is, past the browser's own required-field checks, so the server's errors show. */
    private static void submitWithoutBrowserChecks(String form) {
        WebElement element = browser.findElement(By.cssSelector(form));
        ((JavascriptExecutor) browser).executeScript("arguments[0].noValidate = true; arguments[0].requestSubmit();",
                element);
        CHROMIUM.waitUntil(Duration.ofSeconds(10), driver -> driver.getTitle().startsWith("Error"));
    }

    private static boolean visiblyFocused(WebElement element) {
        String outline = element.getCssValue("outline-style");
        String shadow = element.getCssValue("box-shadow");
        return (outline != null && !outline.equals("none")) || (shadow != null && !shadow.equals("none"));
    }

    private static String describe(WebElement element) {
        return element.getTagName() + " " + element.getAttribute("outerHTML").lines().findFirst().orElse("");
    }
}
