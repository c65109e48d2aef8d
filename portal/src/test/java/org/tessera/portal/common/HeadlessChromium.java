package org.tessera.portal.common;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The real browser of the portal's browser tests: the machine's Chromium (system property
 * {@code tessera.test.chromium}) driven by its chromedriver ({@code tessera.test.chromedriver}),
 * headless, in a fresh profile folder, at 1400x1000.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /** A browser with Chromium's default preferences. */
    public static ChromeDriver start() throws IOException {
        return start(Map.of());
    }

    /** A browser with these Chromium {@code prefs} (a download folder...). */
    public static ChromeDriver start(Map<String, Object> prefs) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("tessera.test.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--disable-component-update", "--no-first-run", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory("tessera-chromium"));
        if (!prefs.isEmpty()) {
            options.setExperimentalOption("prefs", prefs);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("tessera.test.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
