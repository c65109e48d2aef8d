package org.tessera.portal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tessera.indexer.audit.AuditLog;
import org.tessera.indexer.audit.AuditRecord;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.TestIndices;
import org.tessera.portal.audit.AuditTrail;
import org.tessera.portal.common.HeadlessChromium;

/**
 * The portal as a user sees it: real headless Chromium against the app on a random port, with the
 * production frontend bundle, over fixtures indexed into the real test OpenSearch. Each test saves
 * a screenshot into target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.test.context.ActiveProfiles("demo")
class PortalBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static WebDriver driver;

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        TestIndices.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    OpenSearchConnection connection;

    @BeforeAll
    static void browser() throws IOException {
        driver = HeadlessChromium.start();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void fixtures() {
        TestIndices.loadFixtures(connection);
        driver.manage().deleteAllCookies();
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    private void signIn(String user, String password) {
        driver.get("http://localhost:" + port + "/login");
        WebElement username = waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[name='username']")));
        username.sendKeys(user);
        WebElement secret = driver.findElement(By.cssSelector("input[name='password']"));
        secret.sendKeys(password);
        secret.sendKeys(Keys.ENTER);
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
    }

    private void open(String route) {
        driver.get("http://localhost:" + port + "/" + route);
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private void waitForText(By where, String text) {
        waiting().until(d -> d.findElements(where).stream().anyMatch(e -> String.valueOf(e.getAttribute("textContent")).contains(text)));
    }

    private List<AuditRecord> audit(String user, String action) {
        connection.raw("POST", "/" + connection.alias("audit") + "/_refresh", null);
        return new AuditLog(connection, java.time.Clock.systemUTC(), TestIndices.auditAnchor()).recent(0, 20, user, action, null);
    }

    /** The purpose dialog of a search or the watchlist: asked once per session. */
    private void statePurposeIfAsked(String stated) {
        List<WebElement> asked;
        try {
            asked = new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> {
                List<WebElement> found = d.findElements(By.cssSelector("#purpose input"));
                return found.isEmpty() ? null : found;
            });
        } catch (org.openqa.selenium.TimeoutException notAsked) {
            return;
        }
        WebElement purpose = asked.getFirst();
        purpose.sendKeys(stated);
        purpose.sendKeys(Keys.ENTER);
        driver.findElement(By.id("purpose-open")).click();
    }

    @Test
    void aDutyManagerFindsAChildByMisspeltNameAndPartialPostcodeAndReadsTheChronology() throws IOException {
        signIn("duty", "duty-demo");
        open("search");
        WebElement box = waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#search-box input")));
        box.sendKeys("Jaydon TC1");
        box.sendKeys(Keys.ENTER);
        statePurposeIfAsked("Referral screening (MASH)");
        By cells = By.cssSelector("#people-grid vaadin-grid-cell-content");
        waitForText(cells, "Jayden Lee Smith");
        screenshot("search");
        assertThat(audit("duty", AuditTrail.SEARCH)).anySatisfy(r -> {
            assertThat(r.query()).isEqualTo("Jaydon TC1");
            assertThat(r.purpose()).isEqualTo("Referral screening (MASH)");
        });

        driver.findElements(cells).stream().filter(e -> "Jayden Lee Smith".equals(e.getAttribute("textContent"))).findFirst()
                .orElseThrow().click();
        WebElement purpose = waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#purpose input")));
        purpose.sendKeys("Section 47 enquiry");
        purpose.sendKeys(Keys.ENTER);
        driver.findElement(By.id("purpose-open")).click();
        waitForText(By.id("profile-name"), "Jayden Lee Smith");
        waiting().until(d -> d.findElements(By.cssSelector("#chronology mark.evidence")).size() >= 3);

        List<WebElement> entries = driver.findElements(By.cssSelector("#chronology .chronology-entry"));
        Set<String> agenciesWithEvidence = entries.stream()
                .filter(e -> !e.findElements(By.cssSelector("mark.evidence:not(.not-counted)")).isEmpty())
                .map(e -> e.getAttribute("data-agency")).collect(Collectors.toSet());
        assertThat(agenciesWithEvidence).hasSizeGreaterThanOrEqualTo(3);
        assertThat(driver.findElements(By.cssSelector("#chronology mark.not-counted"))).as("negated mentions shown as such").isNotEmpty();
        // Expand the first and the negated entries so the screenshot shows highlighted notes.
        for (WebElement entry : entries) {
            ((JavascriptExecutor) driver).executeScript("arguments[0].opened = true", entry);
        }
        ((JavascriptExecutor) driver).executeScript("document.getElementById('chronology').scrollIntoView()");
        screenshot("chronology");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('profile-name').scrollIntoView()");
        screenshot("profile");
        assertThat(audit("duty", AuditTrail.PROFILE_VIEW)).anySatisfy(r -> {
            assertThat(r.targetPersonId()).isEqualTo("p-jayden");
            assertThat(r.purpose()).startsWith("Section 47 enquiry");
        });
    }

    @Test
    void aDutyManagerAcknowledgesAChildOnTheWatchlist() throws IOException {
        signIn("duty", "duty-demo");
        open("watchlist");
        statePurposeIfAsked("Watchlist review");
        By cells = By.cssSelector("#watchlist-grid vaadin-grid-cell-content");
        waitForText(cells, "Jayden Lee Smith");
        screenshot("watchlist-before");
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("ack-p-jayden"))).click();
        waitForText(cells, "acknowledged");
        screenshot("watchlist");
        connection.raw("POST", "/" + connection.alias("reviews") + "/_refresh", null);
        String review = connection.raw("GET", "/" + connection.alias("reviews") + "/_doc/p-jayden", null).body();
        assertThat(review).contains("\"state\":\"acknowledged\"").contains("\"by\":\"duty\"");
    }

    @Test
    void anAnalystTestsAnIndicatorOnPastedText() throws IOException {
        signIn("analyst", "analyst-demo");
        open("indicators");
        WebElement text = waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#bench-text textarea")));
        text.sendKeys("Amelia was reported missing overnight. There were no signs of neglect at home.");
        driver.findElement(By.id("bench-test")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#bench-results mark.evidence")).size() >= 2);
        String results = driver.findElement(By.id("bench-results")).getAttribute("textContent");
        assertThat(results).contains("missing_episode").contains("neglect_concern").doesNotContain("dv_child_present");
        screenshot("indicators");
    }

    @Test
    void anAnalystSeesIngestJobsWithQuarantinedRows() throws IOException {
        signIn("analyst", "analyst-demo");
        open("jobs");
        By cells = By.cssSelector("#jobs-grid vaadin-grid-cell-content");
        waitForText(cells, "job-2026-11-20-police");
        driver.findElements(cells).stream().filter(e -> "job-2026-11-20-police".equals(e.getAttribute("textContent"))).findFirst()
                .orElseThrow().click();
        waitForText(By.cssSelector("#quarantine-grid vaadin-grid-cell-content"), "unparsable date");
        screenshot("jobs");
    }

    @Test
    void anAuditorSeesWhoOpenedWhichProfileAndCannotSearch() throws IOException {
        signIn("auditor", "auditor-demo");
        open("audit");
        waitForText(By.cssSelector("#audit-grid vaadin-grid-cell-content"), "search");
        driver.findElement(By.id("audit-verify")).click();
        waitForText(By.id("audit-verification"), "Intact");
        screenshot("audit");
        open("search");
        waiting().until(d -> d.findElements(By.id("search-box")).isEmpty() && !d.findElements(By.id("sign-out")).isEmpty()
                || d.getPageSource().contains("Could not navigate"));
        assertThat(driver.findElements(By.id("search-box"))).isEmpty();
        assertThat(audit("auditor", AuditTrail.ACCESS_DENIED)).anySatisfy(r -> assertThat(r.detail()).isEqualTo("view search"));
    }
}
