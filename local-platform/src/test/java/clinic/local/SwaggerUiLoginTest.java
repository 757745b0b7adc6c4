package clinic.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's Swagger UI in a real browser (Debian's chromium, headless) on the running platform, under the
 * service's content security policy: Authorize with the authorization code flow (client {@code clinic-api-docs},
 * PKCE), log in at the local issuer in the popup, and call an operation with the token the page redeemed,
 * cross-origin, at the issuer's token endpoint.
 */
@ExtendWith(SharedPlatform.class)
class SwaggerUiLoginTest {

    @RegisterExtension
    static final HeadlessChromium CHROMIUM = HeadlessChromium.forTestClass();

    @Test
    void aClinicianAuthorizesInTriagesSwaggerUiAndReadsTheRuleset() {
        String triage = SharedPlatform.running().settings().triageBaseUrl();
        String issuer = SharedPlatform.running().settings().issuer();
        WebDriver browser = CHROMIUM.driver();
        browser.manage().deleteAllCookies();
        browser.get(triage + "/swagger-ui/index.html");
        CHROMIUM.waitUntil(Duration.ofSeconds(30), driver -> !driver.findElements(By.cssSelector(
                "button.authorize")).isEmpty() && !driver.findElements(By.id("operations-Ruleset-ruleset")).isEmpty());
        String swaggerWindow = browser.getWindowHandle();

        browser.findElement(By.cssSelector("button.authorize")).click();
        WebElement codeFlow = CHROMIUM.driver().findElements(By.cssSelector(".auth-container")).stream()
                .filter(container -> container.getText().contains("authorizationCode")).findFirst().orElseThrow();
        assertThat(codeFlow.findElement(By.cssSelector("input[data-name=clientId]")).getAttribute("value"))
                .isEqualTo("clinic-api-docs");
        codeFlow.findElement(By.cssSelector("button.authorize")).click();

        CHROMIUM.waitUntil(Duration.ofSeconds(10), driver -> driver.getWindowHandles().size() == 2);
        String popup = otherThan(browser.getWindowHandles(), swaggerWindow);
        browser.switchTo().window(popup);
        CHROMIUM.waitUntil(Duration.ofSeconds(30), driver -> driver.getCurrentUrl().startsWith(issuer + "/login"));
        browser.findElement(By.id("username")).sendKeys("clinician-demo");
        browser.findElement(By.id("password")).sendKeys("clinician-demo");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        // the redirect page hands the code to the Swagger UI and closes its window
        CHROMIUM.waitUntil(Duration.ofSeconds(30), driver -> driver.getWindowHandles().size() == 1);
        browser.switchTo().window(swaggerWindow);
        CHROMIUM.waitUntil(Duration.ofSeconds(30), driver -> driver.findElements(By.cssSelector(".auth-container"))
                .stream().anyMatch(container -> container.getText().contains("authorizationCode")
                        && container.getText().contains("Logout")));
        browser.findElement(By.cssSelector("button.close-modal")).click();

        browser.findElement(By.cssSelector("#operations-Ruleset-ruleset .opblock-summary-control")).click();
        CHROMIUM.waitUntil(Duration.ofSeconds(10), driver -> !driver.findElements(By.cssSelector(
                "#operations-Ruleset-ruleset button.try-out__btn")).isEmpty());
        browser.findElement(By.cssSelector("#operations-Ruleset-ruleset button.try-out__btn")).click();
        browser.findElement(By.cssSelector("#operations-Ruleset-ruleset button.execute")).click();

        CHROMIUM.waitUntil(Duration.ofSeconds(30), driver -> !liveStatus(driver).isEmpty());
        assertThat(liveStatus(browser)).as("the ruleset, called with the clinician's token").startsWith("200");
    }

    /** The status of the response the Swagger UI received (not the documented ones). */
    private static String liveStatus(WebDriver driver) {
        List<WebElement> status = driver.findElements(By.cssSelector(
                "#operations-Ruleset-ruleset .live-responses-table tr.response .response-col_status"));
        return status.isEmpty() ? "" : status.get(0).getText().trim();
    }

    private static String otherThan(Set<String> handles, String handle) {
        return handles.stream().filter(other -> !other.equals(handle)).findFirst().orElseThrow();
    }
}
