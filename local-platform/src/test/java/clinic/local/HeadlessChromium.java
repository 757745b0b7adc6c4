package clinic.local;

import clinic.support.testing.RequiredTool;
import clinic.support.testing.RequiredTools;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Debian's chromium, headless, driven through chromedriver, one browser for a whole test class, registered with
 * {@code @RegisterExtension static}: without the two programs the class is skipped (failed under CI=true, see
 * {@link RequiredTools}); otherwise the browser starts before the class with a fresh profile of its own and is
 * closed, profile deleted, after it. Declare it after the class's other extensions ({@code SharedPlatform}).
 */
final class HeadlessChromium implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

    private final RequiredTools tools = RequiredTools.forClass(RequiredTool.CHROMIUM, RequiredTool.CHROMEDRIVER);
    private WebDriver driver;
    private Path profile;

    static HeadlessChromium forTestClass() {
        return new HeadlessChromium();
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return tools.evaluateExecutionCondition(context);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Class<?> testClass = context.getRequiredTestClass();
        Path chromium = RequiredTool.CHROMIUM.require(testClass);
        Path chromedriver = RequiredTool.CHROMEDRIVER.require(testClass);
        profile = Files.createTempDirectory("chromium-" + testClass.getSimpleName() + "-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    WebDriver driver() {
        return driver;
    }

    void waitUntil(Duration limit, Function<WebDriver, Boolean> condition) {
        // polled every 50 ms, so a wait ends (and a measured delay is read) close to when the condition held
        new WebDriverWait(driver, limit, Duration.ofMillis(50)).until(condition::apply);
    }

    /**
     * Opens a site and signs in as {@code user} (password = user name) at the local issuer's form if it asks, then
     * waits to be back on the site. Forgets every earlier login first: all the sites and the issuer are on
     * localhost, whose cookies the ports share.
     */
    void signIn(String site, String issuer, String user) {
        driver.manage().deleteAllCookies();
        driver.get(site + "/");
        waitUntil(Duration.ofSeconds(30), browser -> browser.getCurrentUrl().startsWith(issuer + "/login"));
        WebElement username = driver.findElement(By.id("username"));
        username.clear();
        username.sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitUntil(Duration.ofSeconds(30), browser -> browser.getCurrentUrl().startsWith(site + "/"));
    }
}
