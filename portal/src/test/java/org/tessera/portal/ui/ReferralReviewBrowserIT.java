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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
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
        downloads = Files.createTempDirectory("tessera-downloads");
        driver = HeadlessChromium.start(Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "download.directory_upgrade", true));
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
        // A Vaadin re-render can replace an element between finding it and reading it: look again.
        return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
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
        waitForChart("household-graph");

        // The twelve questions, each answered on this page.
        String identity = text("section-identity");
        String household = text("section-household");
        String history = text("section-history");
        assertThat(identity).as("1. identity confirmed?").contains("Identity not confirmed: 1 possible duplicate record undecided",
                "dates of birth across the records agree", "NHS number 943 476 5919", "Possible duplicate: Jaiden Smyth");
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
        // The same pack as a Word document (not part of the played referral: one format is enough there), read back with POI.
        WebElement docx = driver.findElement(By.id("pack-docx"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", docx);
        click(docx);
        Path word = waitForDownload(".docx");
        try (var document = new org.apache.poi.xwpf.usermodel.XWPFDocument(Files.newInputStream(word));
             var extractor = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(document)) {
            assertThat(extractor.getText()).contains("OFFICIAL-SENSITIVE", "Strategy discussion pack: Jayden Lee Smith", "ref ev-csc-contact-new");
        }

        assertThat(audit(AuditTrail.REFERRAL_REVIEW_VIEW)).anySatisfy(r -> assertThat(r.purpose()).startsWith("Referral screening (MASH)"));
        assertThat(audit(AuditTrail.MASH_DECISION)).anySatisfy(r -> assertThat(r.detail()).isEqualTo("Amber, Section 47 strategy discussion"));
        assertThat(audit(AuditTrail.DISCLOSURE)).anySatisfy(r -> {
            assertThat(r.purpose()).startsWith("Referral screening (MASH)");
            assertThat(r.detail()).isEqualTo("strategy pack pdf");
        });
        assertThat(audit(AuditTrail.DISCLOSURE)).anySatisfy(r -> {
            assertThat(r.purpose()).startsWith("Referral screening (MASH)");
            assertThat(r.detail()).isEqualTo("strategy pack docx");
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

    /** The deep focused element (through shadow roots) or one of its composed ancestors matches {@code selector}. */
    private boolean focused(String selector) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript("""
                let a = document.activeElement;
                while (a && a.shadowRoot && a.shadowRoot.activeElement) { a = a.shadowRoot.activeElement; }
                for (let n = a; n; n = n.parentNode || n.host) {
                  if (n.nodeType === 1 && n.matches(arguments[0])) { return true; }
                }
                return false;
                """, selector));
    }

    private int keys;

    /** Presses keys (to whatever has the focus: no element is clicked or targeted). */
    private void press(CharSequence... sequence) {
        keys++;
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(sequence).perform();
    }

    /** Tab (or Shift+Tab) until the focus is in {@code selector}. */
    private void tabTo(String selector, boolean backwards) {
        for (int i = 0; i < 400 && !focused(selector); i++) {
            press(backwards ? Keys.chord(Keys.SHIFT, Keys.TAB) : Keys.TAB);
        }
        assertThat(focused(selector)).as("Tab reaches " + selector).isTrue();
    }

    /** Tab into a radio group, Space to choose the focused option, arrows to the wanted one. */
    private void chooseByKeyboard(String group, String label) {
        tabTo("#" + group, false);
        press(Keys.SPACE);
        for (int i = 0; i < 8 && !label.equals(checked(group)); i++) {
            press(Keys.ARROW_DOWN);
        }
        assertThat(checked(group)).isEqualTo(label);
    }

    private String checked(String group) {
        return driver.findElements(By.cssSelector("#" + group + " vaadin-radio-button[checked]")).stream()
                .map(r -> String.valueOf(r.getAttribute("textContent")).trim()).findFirst().orElse(null);
    }

    @Test
    void theWholeReviewIsPlayedWithTheKeyboardAlone() throws IOException {
        driver.get("http://localhost:" + port + "/login");
        waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[name='username']")));
        tabTo("input[name='username']", false);
        press("duty");
        tabTo("input[name='password']", false);
        press("duty-demo", Keys.ENTER);

        // Watchlist: the session's purpose, then into the grid, arrows to Jayden's Review button, Enter.
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#purpose input")));
        tabTo("#purpose", false);
        press("Referral screening (MASH)", Keys.ENTER);
        tabTo("#purpose-open", false);
        press(Keys.ENTER);
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("review-p-jayden")));
        tabTo("#watchlist-grid", false);
        JavascriptExecutor js = (JavascriptExecutor) driver;
        String inFocusedCell = """
                let a = document.activeElement;
                while (a && a.shadowRoot && a.shadowRoot.activeElement) { a = a.shadowRoot.activeElement; }
                if (!a) { return 'none: nothing focused'; }
                if (a.id === 'review-p-jayden') { return 'button'; }
                let cell = null;
                for (let n = a; n && !cell; n = n.parentNode || n.host) {
                  if (n.nodeType !== 1) { continue; }
                  if (n.localName === 'td' || n.localName === 'th') { cell = n; }
                  if (n.localName === 'vaadin-grid-cell-content') { cell = n.assignedSlot && n.assignedSlot.parentElement; }
                }
                const inCell = c => { const slot = c && c.querySelector('slot');
                  return !!slot && slot.assignedElements({flatten: true}).some(e => e.querySelector('#review-p-jayden')); };
                if (cell && cell.localName === 'th') { return 'header'; }
                if (inCell(cell)) { return 'cell'; }
                const row = cell && cell.parentElement;
                return row && [...row.children].some(inCell) ? 'row' : 'none: ' + a.localName + '#' + a.id + ' ' + (a.textContent || '').slice(0, 40);
                """;
        // Tab moves from the grid's header to its body (Vaadin's grid keyboard model), the arrows within it.
        for (int i = 0; i < 3 && "header".equals(js.executeScript(inFocusedCell)); i++) {
            press(Keys.TAB);
        }
        for (int i = 0; i < 12 && String.valueOf(js.executeScript(inFocusedCell)).startsWith("none"); i++) {
            press(Keys.ARROW_DOWN);
        }
        for (int i = 0; i < 12 && "row".equals(js.executeScript(inFocusedCell)); i++) {
            press(Keys.ARROW_RIGHT);
        }
        assertThat(String.valueOf(js.executeScript(inFocusedCell))).as("the Review cell of Jayden's row has the focus").isIn("cell", "button");
        if (!focused("#review-p-jayden")) {
            press(Keys.ENTER);
        }
        assertThat(focused("#review-p-jayden")).isTrue();
        press(Keys.ENTER);

        // The review's purpose is proposed: Tab to "Open record", Enter.
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("purpose-open")));
        tabTo("#purpose-open", false);
        press(Keys.ENTER);
        waiting().until(d -> !d.findElements(By.id("section-new")).isEmpty());
        assertThat(text("section-identity")).contains("Identity not confirmed");

        // A cited record opens with Enter and closes with Enter.
        tabTo("#section-household .source-link[data-event='ev-probation-1']", false);
        press(Keys.ENTER);
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("record-close")));
        tabTo("#record-close", false);
        press(Keys.ENTER);
        waiting().until(d -> d.findElements(By.id("record-close")).isEmpty());

        // The decision: radios by Tab, Space and arrows, the rationale typed, Save by Enter.
        chooseByKeyboard("decision-rag", "Amber");
        chooseByKeyboard("decision-outcome", "Section 47 strategy discussion");
        chooseByKeyboard("decision-consent", "Not sought: seeking it would increase the risk to the child");
        tabTo("#decision-rationale", false);
        press("Frightened to go home; third domestic incident this year.");
        tabTo("#decision-save", false);
        press(Keys.ENTER);
        waiting().until(d -> !d.findElements(By.id("decision-last")).isEmpty()
                && text("decision-last").contains("Amber · Section 47 strategy discussion"));

        // The pack: on through the page (it starts again at the top) to the PDF link, Enter.
        tabTo("#pack-pdf", false);
        press(Keys.ENTER);
        Path file = waitForDownload(".pdf");
        try (var document = Loader.loadPDF(Files.readAllBytes(file))) {
            assertThat(new PDFTextStripper().getText(document)).contains("OFFICIAL-SENSITIVE", "Strategy discussion pack: Jayden Lee Smith");
        }
        assertThat(interactions).as("no click and no element typed into").isZero();
        System.out.println("Referral review played with the keyboard alone: " + keys + " key presses");
        assertThat(audit(AuditTrail.MASH_DECISION)).anySatisfy(r -> assertThat(r.detail()).isEqualTo("Amber, Section 47 strategy discussion"));
    }

    /** Waits until ECharts drew the chart; says why not when it did not. */
    private void waitForChart(String id) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#" + id + "[data-drawn='true']")));
        } catch (org.openqa.selenium.TimeoutException e) {
            Object why = ((JavascriptExecutor) driver).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const s = document.getElementById('echarts-library');
                    fetch(s ? s.src : 'webjars/echarts/5.3.1/dist/echarts.min.js').then(r => done('script ' + (s ? s.src : 'absent')
                        + ', status ' + r.status + ', echarts ' + typeof window.echarts + ', element ' + !!document.getElementById(arguments[0])))
                      .catch(x => done('fetch failed ' + x));
                    """, id);
            throw new AssertionError("chart " + id + " not drawn: " + why, e);
        }
    }

    private void signInAndStatePurpose() {
        driver.get("http://localhost:" + port + "/login");
        WebElement username = waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[name='username']")));
        type(username, "duty");
        type(driver.findElement(By.cssSelector("input[name='password']")), "duty-demo", Keys.ENTER);
        type(waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#purpose input"))), "Referral screening (MASH)", Keys.ENTER);
        click(driver.findElement(By.id("purpose-open")));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("watchlist-grid")));
    }

    private static void assertNoSeriousViolation(String page) {
        List<AccessibilityCheck.Violation> violations = AccessibilityCheck.run(driver);
        violations.forEach(v -> System.out.println("axe (" + page + "): " + v));
        assertThat(violations).filteredOn(AccessibilityCheck.Violation::seriousOrCritical).as("serious or critical WCAG violations on " + page).isEmpty();
    }

    @Test
    void theProfileDrawsTheHouseholdNetworkAndTheTimelineAndAClickOnAPersonOpensTheirs() throws IOException {
        signInAndStatePurpose();
        driver.get("http://localhost:" + port + "/profile/p-jayden");
        type(waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#purpose input"))), "Referral screening (MASH)", Keys.ENTER);
        click(driver.findElement(By.id("purpose-open")));
        waitForChart("household-graph");
        waitForChart("chronology-timeline");

        // The text alternative beside the picture says who is linked to whom and how, and who lived where, when.
        assertThat(text("household-links")).contains("Kelly Smith", "Darren Cole", "mother", "lived together at 12 Mill Road, Tessford",
                "records in common");
        assertThat(text("household-residence")).contains("12 Mill Road, Tessford", "4 Station Street, Tessford", "2018-05-01", "2020-12-31");
        // The picture: ECharts drew an SVG with a node per person.
        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertThat(driver.findElements(By.cssSelector("#household-graph svg"))).isNotEmpty();
        assertThat(((Number) js.executeScript("return echarts.getInstanceByDom(document.getElementById('household-graph'))"
                + ".getOption().series[0].data.length")).intValue()).isGreaterThanOrEqualTo(3);
        // The timeline marks the significant events, and the list says which they are.
        assertThat(((Number) js.executeScript("return echarts.getInstanceByDom(document.getElementById('chronology-timeline'))"
                + ".getOption().series[2].data.length")).intValue()).isPositive();
        assertThat(driver.findElements(By.cssSelector("#chronology .chip.significant"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("#chronology .chip.household"))).isNotEmpty();

        assertNoSeriousViolation("profile");
        WebElement graph = driver.findElement(By.id("household-graph"));
        driver.manage().window().setSize(new Dimension(1400, 1400));
        js.executeScript("arguments[0].scrollIntoView({block: 'center'})", graph);
        screenshot("household-network");
        js.executeScript("document.getElementById('chronology-timeline').scrollIntoView({block: 'start'})");
        screenshot("chronology-timeline");
        driver.manage().window().setSize(new Dimension(1400, 1000));

        // A click on Kelly in the picture opens Kelly's profile (which asks its own purpose).
        js.executeScript("arguments[0].scrollIntoView({block: 'center'})", graph);
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) js.executeScript("""
                const chart = echarts.getInstanceByDom(arguments[0]);
                const node = chart.getOption().series[0].data.find(d => d.id === 'p-kelly');
                return chart.convertToPixel({seriesIndex: 0}, [node.x, node.y]);
                """, graph);
        org.openqa.selenium.Rectangle box = graph.getRect();
        new org.openqa.selenium.interactions.Actions(driver)
                .moveToElement(graph, at.get(0).intValue() - box.getWidth() / 2, at.get(1).intValue() - box.getHeight() / 2).click().perform();
        waiting().until(d -> d.getCurrentUrl().endsWith("/profile/p-kelly"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("purpose-open")));
    }

    @Test
    void theSearchPageHasNoSeriousAccessibilityViolation() {
        signInAndStatePurpose();
        driver.get("http://localhost:" + port + "/search");
        WebElement box = waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#search-box input")));
        type(box, "Jayden", Keys.ENTER);
        if (!driver.findElements(By.id("purpose-open")).isEmpty()) {
            click(driver.findElement(By.id("purpose-open")));
        }
        waiting().until(d -> String.valueOf(d.findElement(By.id("people-grid")).getAttribute("textContent")).contains("Jayden")
                || !d.findElements(By.cssSelector("#people-grid vaadin-grid-cell-content")).isEmpty());
        assertNoSeriousViolation("search");
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
