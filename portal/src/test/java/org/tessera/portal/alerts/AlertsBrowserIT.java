package org.tessera.portal.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tessera.portal.alerts.AlertsTestSetup.incident;
import static org.tessera.portal.alerts.AlertsTestSetup.request;
import static org.tessera.portal.alerts.AlertsTestSetup.send;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.TestIndices;
import org.tessera.portal.common.HeadlessChromium;
import org.tessera.portal.common.Json;

/**
 * A duty manager has the watchlist open in real headless Chromium and follows its sections; a
 * record arrives through the REST endpoint; the alert badge, the notification and the child's row
 * appear on the open page by server push, with no reload (a marker set in the page survives).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class AlertsBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static WebDriver driver;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AlertsTestSetup.register(registry);
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

    private WebDriverWait waiting(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    @Test
    void anAlertAppearsOnTheOpenWatchlistWithoutReloadingThePage() throws Exception {
        TestIndices.loadFixtures(connection);
        driver.manage().deleteAllCookies();
        driver.get("http://localhost:" + port + "/login");
        WebElement username = waiting(30).until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[name='username']")));
        username.sendKeys("duty");
        WebElement password = driver.findElement(By.cssSelector("input[name='password']"));
        password.sendKeys("duty-demo");
        password.sendKeys(Keys.ENTER);
        waiting(30).until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));

        driver.get("http://localhost:" + port + "/watchlist");
        WebElement purpose = waiting(30).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#purpose input")));
        purpose.sendKeys("Duty desk: watching the day's arrivals");
        purpose.sendKeys(Keys.ENTER);
        driver.findElement(By.id("purpose-open")).click();
        waiting(30).until(d -> text(By.id("watchlist-grid")).contains("Jayden Lee Smith"));
        waiting(30).until(d -> d.findElements(By.cssSelector("#purpose input")).isEmpty());

        // Follow both sections through the page's own dialog.
        waiting(30).until(ExpectedConditions.elementToBeClickable(By.id("alerts-follow"))).click();
        waiting(30).until(ExpectedConditions.elementToBeClickable(By.id("follow-cumulative"))).click();
        driver.findElement(By.id("follow-single")).click();
        driver.findElement(By.id("follow-save")).click();
        waiting(30).until(d -> d.findElements(By.id("follow-save")).isEmpty());
        assertThat(Json.parse(send(HttpClient.newHttpClient(), request(port, "/api/alerts/subscription", "duty", "duty-demo").GET().build())
                .body()).path("sections")).hasSize(2);
        assertThat(text(By.id("watchlist-grid"))).doesNotContain("Quillfeather");
        ((JavascriptExecutor) driver).executeScript("window.tesseraNotReloaded = 'still here';");
        String url = driver.getCurrentUrl();
        assertThat(text(By.id("alert-badge"))).isEqualTo("No new alerts");

        HttpResponse<String> arrived = send(HttpClient.newHttpClient(), request(port, "/api/arrivals/police_incidents", "analyst", "analyst-demo")
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(incident("INC-BROWSER-1", "Peregrine"))).build());
        assertThat(arrived.statusCode()).as(arrived.body()).isEqualTo(202);

        // The arrival's child enters; the first ingest into these indices also loads the shipped
        // catalogue over the fixtures, so a fixture child may rise too: one alert or more.
        waiting(180).until(d -> text(By.id("alert-badge")).matches("\\d+ new alerts?"));
        waiting(30).until(d -> text(By.id("watchlist-grid")).contains("Quillfeather"));
        screenshot("watchlist-alert");
        assertThat(driver.findElements(By.tagName("vaadin-notification-card")).stream().map(e -> String.valueOf(e.getAttribute("textContent"))))
                .anySatisfy(t -> assertThat(t).matches("Watchlist alert: a child (entered|rose in) .* \\((red|amber)\\)"));
        assertThat(((JavascriptExecutor) driver).executeScript("return window.tesseraNotReloaded;")).as("the page was not reloaded")
                .isEqualTo("still here");
        assertThat(driver.getCurrentUrl()).isEqualTo(url);
        String jobId = Json.parse(arrived.body()).path("job_id").asText();
        // Alerts are delivered one after another: the entered one may be stored a moment after the first push.
        waiting(60).until(d -> {
            for (var alert : Json.parse(send(HttpClient.newHttpClient(), request(port, "/api/alerts", "duty", "duty-demo").GET().build()).body())) {
                if (alert.path("arrival_job_id").asText().equals(jobId) && alert.path("kind").asText().equals("entered")) {
                    return true;
                }
            }
            return false;
        });

        // The list of alerts: opening it is audited; it links to the child's profile.
        driver.findElement(By.id("alerts-open")).click();
        waiting(30).until(d -> d.findElements(By.cssSelector("vaadin-dialog-overlay a[href^='profile/']")).size() > 0
                || d.findElements(By.cssSelector("a[href^='profile/']")).stream().anyMatch(a -> a.getText().contains("Open the child")));
        List<WebElement> badge = driver.findElements(By.id("alert-badge"));
        assertThat(badge).isNotEmpty();
    }

    private static String text(By where) {
        List<WebElement> found = driver.findElements(where);
        return found.isEmpty() ? "" : String.valueOf(found.getFirst().getAttribute("textContent")).trim();
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
