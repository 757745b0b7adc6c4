package clinic.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Screenshots of the pages the README shows (the patient form and its heel diagram, a report's status page, the
 * clinicians' work queue and a case page), taken in chromium on the running platform into {@code target/screenshots}. The copies in
 * {@code docs/screenshots} come from here: after a change to the pages, run this test and copy them over.
 */
@ExtendWith(SharedPlatform.class)
class PageScreenshotsTest {

    @RegisterExtension
    static final HeadlessChromium CHROMIUM = HeadlessChromium.forTestClass();

    static final Path OUT = Path.of("target", "screenshots");

    @Test
    void takesThePatientAndClinicianPagesTheReadmeShows() throws IOException {
        PlatformSettings settings = SharedPlatform.running().settings();
        UUID urgent = SharedPlatform.running().client().accept(SampleReports.with(SampleReports.numbness(), "patient",
                Map.of("externalId", "P-20417", "name", "Alex Runner", "email", "alex@example.org",
                        "phone", "+441632960123")));
        HttpResponse<String> sent = SharedPlatform.running().client().patientBrowser()
                .submitForm(PatientForms.selfCare());
        String statusPage = sent.headers().firstValue("Location").orElseThrow();
        Files.createDirectories(OUT);
        WebDriver browser = CHROMIUM.driver();
        browser.manage().window().setSize(new Dimension(1200, 1000));
        CHROMIUM.signIn(settings.intakeBaseUrl(), settings.issuer(), "patient-demo");
        shoot(browser, settings.intakeBaseUrl() + "/", "patient-form.png");
        browser.findElement(By.cssSelector("label[for='painLocation-BACK_OF_HEEL'].heel-label")).click();
        ((JavascriptExecutor) browser).executeScript(
                "document.getElementById('heel-diagram').scrollIntoView(); window.scrollBy(0, -110);");
        shoot(browser, null, "patient-heel-diagram.png");
        browser.get(settings.intakeBaseUrl() + statusPage);
        CHROMIUM.waitUntil(Duration.ofSeconds(30), driver -> !driver.findElements(By.id("plan-title")).isEmpty());
        shoot(browser, null, "patient-status.png");

        CHROMIUM.signIn(settings.notificationBaseUrl(), settings.issuer(), "clinician-demo");
        CHROMIUM.waitUntil(Duration.ofSeconds(20), driver -> !driver.findElements(
                By.xpath("//code[text()='" + urgent + "']")).isEmpty());
        shoot(browser, null, "clinician-queue.png");
        shoot(browser, settings.notificationBaseUrl() + "/cases/" + urgent, "clinician-case.png");
        for (String name : new String[] {"patient-form.png", "patient-heel-diagram.png", "patient-status.png",
                "clinician-queue.png", "clinician-case.png"}) {
            byte[] png = Files.readAllBytes(OUT.resolve(name));
            assertThat(png.length).as(name).isGreaterThan(10_000);
            assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).as(name).isEqualTo("PNG");
        }
    }

    private static void shoot(WebDriver browser, String address, String name) throws IOException {
        if (address != null) {
            browser.get(address);
        }
        Files.write(OUT.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
