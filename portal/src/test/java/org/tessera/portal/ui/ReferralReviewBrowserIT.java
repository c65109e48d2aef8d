package org.tessera.portal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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

/**
 * A referral played end to end in real headless Chromium: a new contact for Jayden arrives, the
 * duty manager signs in, lands on the watchlist, opens the review in one click, answers the
 * twelve questions of issue 22 from that page alone, records the decision and downloads the
 * strategy pack. Every click and every typed field is counted; screenshots go to
 * target/screenshots/ (docs/portal.md shows them).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.test.context.ActiveProfiles("demo")
class ReferralReviewBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static ChromeDriver driver;
    private static Path profileDir;
    private static Path downloads;

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        TestIndices.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    OpenSearchConnection connection;

    private int interactions;

    @BeforeAll
    static void browser() throws IOException {
        profileDir = Files.createTempDirectory("tessera-chromium");
        downloads = Files.createTempDirectory("tessera-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("tessera.test.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--disable-component-update", "--no-first-run", "--window-size=1400,1000",
                "--user-data-dir=" + profileDir);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "download.directory_upgrade", true));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("tessera.test.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
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
        TestIndices.loadReferralFixtures(connection);
        // The MASH looked at Jayden on 10 November and took no further action.
        TestIndices.index(connection, "decisions", "decision_id", "fixtures/referral/decision-2026-11-10.json");
        driver.manage().deleteAllCookies();
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** A user action: a click or a field typed in. */
    private void click(WebElement element) {
        interactions++;
        element.click();
    }

    private void type(WebElement element, CharSequence... keys) {
        interactions++;
        element.sendKeys(keys);
    }

    private String text(String id) {
        return String.valueOf(driver.findElement(By.id(id)).getAttribute("textContent"));
    }

    private void screenshot(String name) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private List<AuditRecord> audit(String action) {
        connection.raw("POST", "/" + connection.alias("audit") + "/_refresh", null);
        return new AuditLog(connection, java.time.Clock.systemUTC(), TestIndices.auditAnchor()).recent(0, 50, "duty", action, "p-jayden");
    }

    @Test
    void aDutyManagerReviewsANewContactDecidesAndTakesThePackInUnderFifteenInteractions() throws IOException {
        // A new contact for Jayden arrives (the ingest writes it to the events index).
        TestIndices.index(connection, "events", "event_id", "fixtures/referral/new-contact.json");

        driver.get("http://localhost:" + port + "/login");
        WebElement username = waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[name='username']")));
        type(username, "duty");
        type(driver.findElement(By.cssSelector("input[name='password']")), "duty-demo", Keys.ENTER);

        // The duty manager lands on the watchlist, states the session's purpose once, and one click opens the review.
        WebElement sessionPurpose = waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#purpose input")));
        assertThat(driver.getCurrentUrl()).endsWith("/watchlist");
        type(sessionPurpose, "Referral screening (MASH)", Keys.ENTER);
        click(driver.findElement(By.id("purpose-open")));
        WebElement review = waiting().until(ExpectedConditions.elementToBeClickable(By.id("review-p-jayden")));
        click(review);
        // The purpose is proposed (referral screening); confirming it is recorded with the view.
        click(waiting().until(ExpectedConditions.elementToBeClickable(By.id("purpose-open"))));
        waiting().until(d -> !d.findElements(By.id("section-new")).isEmpty());
        assertThat(text("review-name")).isEqualTo("Jayden Lee Smith");

        // The twelve questions, each answered on this page.
        String identity = text("section-identity");
        String household = text("section-household");
        String history = text("section-history");
        assertThat(identity).as("1. identity confirmed?").contains("Identity confirmed", "NHS number 943 476 5919", "Possible duplicate: Jaiden Smyth");
        assertThat(household).as("2. household members?").contains("Kelly Smith: mother", "Darren Cole: mother's partner");
        assertThat(history).as("3. CSC history and outcomes?").contains("assessment 2026-09-10", "outcome no further action");
        assertThat(household).as("4. DA incidents at the address in 12 months, with DASH levels?")
                .contains("Domestic abuse at the address in the last 12 months: 3 incidents", "DASH high", "DASH medium");
        assertThat(household).as("5. adults' offending and probation risk?")
                .contains("Darren Cole – offending: 2025-12-02 common assault", "Darren Cole – probation", "risk to children: yes");
        assertThat(household).as("6. adult mental health or substance misuse?")
                .contains("Kelly Smith – mental health: Parental mental ill-health", "Kelly Smith – substance misuse: Parental alcohol misuse");
        assertThat(text("section-health")).as("7. A&E attendances and missed health appointments?")
                .contains("A&E attendances in the last 12 months: 1", "Missed health appointments (was not brought, no access): 1");
        assertThat(text("section-education")).as("8. school attendance and exclusions?")
                .contains("Attendance 2025/26: 85 %", "down from 94 % in 2024/25", "Exclusions: 1");
        assertThat(text("section-housing")).as("9. housing instability?").contains("rent arrears 2026-05-11");
        assertThat(history).as("10. previous referrals that ended NFA?").contains("Repeat no further action: 2 contacts or referrals ended NFA");
        assertThat(text("section-concerns")).as("11. the cumulative concerns and why?").contains("Cumulative score", "domestic abuse:", "points from");
        assertThat(text("section-threshold")).as("11. beside it, the single-threshold view").contains("single-event rule");
        assertThat(text("section-new")).as("12. what changed since the last review?")
                .contains("1 record since the last review on 2026-11-10", "Child frightened to go home");

        // WCAG 2.1 AA by axe-core: no serious or critical violation on the review page (not a user interaction).
        List<AccessibilityCheck.Violation> violations = AccessibilityCheck.run(driver);
        violations.forEach(v -> System.out.println("axe: " + v));
        assertThat(violations).filteredOn(AccessibilityCheck.Violation::seriousOrCritical).as("serious or critical WCAG violations").isEmpty();

        // Every statement about an adult's history opens the record it rests on.
        WebElement probationSource = driver.findElement(By.cssSelector("#section-household .source-link[data-event='ev-probation-1']"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", probationSource);
        click(probationSource);
        waiting().until(d -> d.findElements(By.cssSelector("vaadin-dialog, vaadin-dialog-overlay")).stream()
                .anyMatch(e -> String.valueOf(e.getAttribute("textContent")).contains("Community order for assault occasioning actual bodily harm")));
        click(driver.findElement(By.id("record-close")));
        waiting().until(d -> d.findElements(By.id("record-close")).isEmpty());

        driver.manage().window().setSize(new Dimension(1400, 3000));
        ((JavascriptExecutor) driver).executeScript("document.getElementById('review-name').scrollIntoView()");
        screenshot("review");
        driver.manage().window().setSize(new Dimension(1400, 1000));

        // The decision.
        WebElement form = driver.findElement(By.id("decision-form"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", form);
        click(radio("decision-rag", "Amber"));
        click(radio("decision-outcome", "Section 47 strategy discussion"));
        click(radio("decision-consent", "Not sought: seeking it would increase the risk to the child"));
        type(driver.findElement(By.cssSelector("#decision-rationale textarea")),
                "Jayden is frightened to go home; third domestic incident this year; adult posing a risk to children in the home.");
        click(driver.findElement(By.id("decision-save")));
        waiting().until(d -> !d.findElements(By.id("decision-last")).isEmpty()
                && text("decision-last").contains("Amber · Section 47 strategy discussion"));
        screenshot("review-decision");

        // The strategy pack.
        WebElement pdf = driver.findElement(By.id("pack-pdf"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", pdf);
        click(pdf);
        Path file = waitForDownload(".pdf");
        try (var document = Loader.loadPDF(Files.readAllBytes(file))) {
            String pdfText = new PDFTextStripper().getText(document);
            assertThat(pdfText).contains("OFFICIAL-SENSITIVE", "Strategy discussion pack: Jayden Lee Smith", "ref ev-csc-contact-new");
            // The pack's first page as an image, for docs/portal.md.
            javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(document).renderImageWithDPI(0, 80),
                    "png", SCREENSHOTS.resolve("strategy-pack.png").toFile());
        }

        assertThat(interactions).as("sign-in, one click to the review, the decision and the pack").isLessThan(15);
        System.out.println("Referral review played in " + interactions + " interactions");

        assertThat(audit(AuditTrail.REFERRAL_REVIEW_VIEW)).anySatisfy(r -> assertThat(r.purpose()).startsWith("Referral screening (MASH)"));
        assertThat(audit(AuditTrail.MASH_DECISION)).anySatisfy(r -> assertThat(r.detail()).isEqualTo("Amber, Section 47 strategy discussion"));
        assertThat(audit(AuditTrail.DISCLOSURE)).anySatisfy(r -> {
            assertThat(r.purpose()).startsWith("Referral screening (MASH)");
            assertThat(r.detail()).isEqualTo("strategy pack pdf");
        });

        // The decision shows on the watchlist and on the profile.
        driver.get("http://localhost:" + port + "/watchlist");
        waiting().until(d -> d.findElements(By.cssSelector("#watchlist-grid .mash-decision")).stream()
                .anyMatch(e -> String.valueOf(e.getAttribute("textContent")).contains("Amber · Section 47 strategy discussion")));
        screenshot("watchlist-decision");
        List<AccessibilityCheck.Violation> onWatchlist = AccessibilityCheck.run(driver);
        onWatchlist.forEach(v -> System.out.println("axe (watchlist): " + v));
        assertThat(onWatchlist).filteredOn(AccessibilityCheck.Violation::seriousOrCritical).as("serious or critical WCAG violations").isEmpty();
    }

    private WebElement radio(String group, String label) {
        return driver.findElements(By.cssSelector("#" + group + " vaadin-radio-button")).stream()
                .filter(r -> label.equals(String.valueOf(r.getAttribute("textContent")).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no option " + label + " in " + group));
    }

    private Path waitForDownload(String extension) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                Optional<Path> done = files.filter(f -> f.toString().endsWith(extension)).findFirst();
                return done.orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }
}
