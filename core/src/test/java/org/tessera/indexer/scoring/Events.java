package org.tessera.indexer.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small builders and fixture readers for scorer tests. */
public final class Events {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    public static RiskEvent.Participant child(String id, String household) {
        return new RiskEvent.Participant(id, "subject", true, household, 8.0);
    }

    public static RiskEvent.Participant adult(String id, String household) {
        return new RiskEvent.Participant(id, "parent", false, household, 34.0);
    }

    public static RiskEvent.Hit hit(String indicator, String severity) {
        return new RiskEvent.Hit(indicator, 1, severity, null, true, "asserted", "evidence of " + indicator, "text", List.of(), "percolate");
    }

    public static RiskEvent.Hit hitAbout(String indicator, String severity, String... personIds) {
        return new RiskEvent.Hit(indicator, 1, severity, null, true, "asserted", null, "text", Arrays.asList(personIds), "percolate");
    }

    public static RiskEvent.Hit notCounting(String indicator, String severity) {
        return new RiskEvent.Hit(indicator, 1, severity, null, false, "negated", "no " + indicator, "text", List.of(), "percolate");
    }

    public static RiskEvent event(String id, String date, String agency, List<RiskEvent.Participant> people, RiskEvent.Hit... hits) {
        return new RiskEvent(id, LocalDate.parse(date), agency, "record", people, List.of(hits));
    }

    /** Every event of a JSON Lines fixture under {@code src/test/resources/scoring/}. */
    public static List<RiskEvent> fixture(String name) {
        try (InputStream in = Events.class.getResourceAsStream("/scoring/" + name)) {
            List<RiskEvent> events = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    events.add(EventDocuments.parse(JSON.readTree(line), null).orElseThrow());
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
