package org.tessera.portal.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * WCAG 2.1 A and AA checks of the page in the browser by axe-core (the copy under
 * {@code src/test/resources/axe/}, MPL-2.0), injected through WebDriver (which is not subject to
 * the portal's Content-Security-Policy).
 */
final class AccessibilityCheck {

    /** One rule the page breaks, with its impact and up to three offending elements. */
    record Violation(String id, String impact, String help, int nodes, String targets) {
        boolean seriousOrCritical() {
            return "serious".equals(impact) || "critical".equals(impact);
        }
    }

    private static final String AXE = read();
    private static final ObjectMapper JSON = new ObjectMapper();

    private AccessibilityCheck() {
    }

    static List<Violation> run(WebDriver driver) {
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(AXE + "\n;window.__axe = axe;");
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                window.__axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                  .then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.length, targets: JSON.stringify(v.nodes.slice(0, 3).map(n => n.target)) + ' ' + (v.nodes[0] ? (v.nodes[0].failureSummary + ' in ' + v.nodes[0].html).slice(0, 400) : '')}))
                      .concat([{id: 'rules-passed', impact: 'none', help: String(r.passes.length), nodes: 0, targets: ''}]))))
                  .catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e), nodes: 0, targets: ''}])));
                """);
        try {
            List<Violation> violations = new ArrayList<>();
            for (JsonNode v : JSON.readTree(String.valueOf(result))) {
                if ("rules-passed".equals(v.path("id").asText())) {
                    // Proof that axe ran: the rules the page passed.
                    if (v.path("help").asInt() == 0) {
                        throw new IllegalStateException("axe-core passed no rule: it did not run on the page");
                    }
                    System.out.println("axe-core: " + v.path("help").asText() + " WCAG 2.1 A/AA rules passed");
                    continue;
                }
                violations.add(new Violation(v.path("id").asText(), v.path("impact").asText(), v.path("help").asText(),
                        v.path("nodes").asInt(), v.path("targets").asText()));
            }
            return violations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read() {
        try (InputStream in = AccessibilityCheck.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("missing test resource axe/axe.min.js");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
