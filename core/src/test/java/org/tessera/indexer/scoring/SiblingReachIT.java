package org.tessera.indexer.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

/**
 * A care concern recorded on one child reaches its siblings through the loader, whether the
 * sibling is scored in the same batch (the event comes from the batch's own events) or alone (it
 * comes from the household scroll); a child's own concern and another household's do not.
 */
@ExtendWith(OpenSearchExtension.class)
class SiblingReachIT {

    private static final LocalDate AS_OF = LocalDate.parse("2025-06-30");

    @BeforeAll
    static void household(TestOpenSearch os) {
        add(os, "edu:1", "2025-01-10", "education", List.of("c-older"), "hh-s", "");
        add(os, "hv:1", "2025-05-01", "health", List.of("c-baby"), "hh-s",
                "{\"indicator_id\":\"NEG04\",\"severity\":\"medium\",\"counts\":true,\"person_ids\":[\"c-baby\"]}");
        add(os, "edu:2", "2025-05-02", "education", List.of("c-teen"), "hh-s",
                "{\"indicator_id\":\"EXP07\",\"severity\":\"medium\",\"counts\":true,\"person_ids\":[\"c-teen\"]}");
        add(os, "hv:2", "2025-05-03", "health", List.of("c-other"), "hh-other",
                "{\"indicator_id\":\"NEG04\",\"severity\":\"medium\",\"counts\":true,\"person_ids\":[\"c-other\"]}");
    }

    private static void add(TestOpenSearch os, String id, String date, String agency, List<String> children, String household, String hit) {
        StringBuilder people = new StringBuilder();
        for (String child : children) {
            people.append(people.isEmpty() ? "" : ",").append("{\"person_id\":\"").append(child)
                    .append("\",\"role\":\"subject\",\"is_child\":true,\"household_id\":\"").append(household).append("\"}");
        }
        CountySlice.addEvent(os, "{\"event_id\":\"" + id + "\",\"agency\":\"" + agency + "\",\"record_type\":\"note\",\"event_date\":\""
                + date + "\",\"person_ids\":" + toJson(children) + ",\"child_ids\":" + toJson(children) + ",\"household_ids\":[\""
                + household + "\"],\"people\":[" + people + "],\"hits\":[" + hit + "]}");
    }

    private static String toJson(List<String> ids) {
        return "[\"" + String.join("\",\"", ids) + "\"]";
    }

    @Test
    void theBabysHungerReachesTheOlderChildAloneAndInOneBatchButTheTeenagersOwnConcernDoesNot(TestOpenSearch os) {
        ScoreService scores = ScoreService.fromIndex(os.connection(), ScoringParameters.loadDefault(), false);
        for (Map<String, ChildHistory> loaded : List.of(
                scores.loader().load(List.of("c-older"), AS_OF),
                scores.loader().load(List.of("c-older", "c-baby", "c-teen", "c-other"), AS_OF))) {
            RiskScore older = scores.scorer().score(loaded.get("c-older"), AS_OF);
            assertThat(older.contributions()).singleElement().satisfies(c -> {
                assertThat(c.eventId()).isEqualTo("hv:1");
                assertThat(c.reach()).isEqualTo(Reach.SIBLING);
            });
        }
        assertThat(scores.loader().childrenReachedBetween(LocalDate.parse("2025-04-01"), AS_OF))
                .contains("c-older", "c-baby", "c-teen", "c-other");
    }
}
