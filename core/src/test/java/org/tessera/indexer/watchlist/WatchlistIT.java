package org.tessera.indexer.watchlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tessera.indexer.scoring.CountySlice.AS_OF;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;
import org.tessera.indexer.scoring.Band;
import org.tessera.indexer.scoring.CountySlice;
import org.tessera.indexer.scoring.ExportFormat;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.indexer.scoring.ScoringParameters;

@ExtendWith(OpenSearchExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WatchlistIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-30T12:00:00Z"), ZoneOffset.UTC);

    @BeforeAll
    static void loadCounty(TestOpenSearch os) {
        CountySlice.load(os);
    }

    private static ScoreService scores(TestOpenSearch os) {
        return ScoreService.fromIndex(os.connection(), ScoringParameters.loadDefault(), true);
    }

    private static WatchlistService service(TestOpenSearch os) {
        return new WatchlistService(scores(os), new ReviewStore(os.connection()), CLOCK);
    }

    @Test
    @Order(1)
    void listsTheCumulativePictureWithAOneLineReasonAndLeavesTheGreenRiserOff(TestOpenSearch os) {
        List<WatchlistEntry> list = service(os).watchlist(AS_OF, 90, 10);
        // c-riser's one fresh medium concern leaves it green: not a watchlist matter.
        assertThat(list).extracting(WatchlistEntry::personId).containsExactly("c-many");
        WatchlistEntry many = list.getFirst();
        assertThat(many.section()).isEqualTo(WatchlistSection.CUMULATIVE);
        assertThat(many.concerns()).isEqualTo(5);
        assertThat(many.band()).isEqualTo(Band.RED);
        assertThat(many.enteredBand()).isTrue();
        assertThat(many.latestEvidence()).isEqualTo(LocalDate.parse("2025-06-20"));
        assertThat(many.reason())
                .startsWith("5 concerns from 3 agencies in 365 days; new in 90 days: Domestic abuse incident with a child present (police), ")
                .contains(" x2 (health)", "Persistent absence (education)", "Parental drug misuse (police, household)")
                .doesNotContain("Molly").doesNotContain("heroin");
        assertThat(service(os).watchlist(AS_OF, 90, 1)).hasSize(1);
        // Three months on, nothing new happened: nobody has new evidence in the period.
        assertThat(service(os).watchlist(LocalDate.parse("2025-10-31"), 90, 10)).isEmpty();
    }

    @Test
    @Order(2)
    void acknowledgeAssignAndEscalateRecordTheActingUserAndKeepTheHistory(TestOpenSearch os) throws Exception {
        WatchlistService service = service(os);
        service.acknowledge("c-riser", "dm.smith");
        service.assign("c-riser", "dm.smith", "sw.jones");
        Review escalated = service.escalate("c-riser", "dm.lee", "homeless with a DA history");

        assertThat(escalated.state()).isEqualTo(ReviewState.ESCALATED);
        assertThat(escalated.assignedTo()).isEqualTo("sw.jones");
        assertThat(escalated.updatedBy()).isEqualTo("dm.lee");
        assertThat(escalated.history()).extracting(Review.Step::state, Review.Step::by, Review.Step::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ReviewState.ACKNOWLEDGED, "dm.smith", null),
                org.assertj.core.groups.Tuple.tuple(ReviewState.ASSIGNED, "dm.smith", "assigned to sw.jones"),
                org.assertj.core.groups.Tuple.tuple(ReviewState.ESCALATED, "dm.lee", "homeless with a DA history"));
        assertThat(service.review("c-riser")).isEqualTo(escalated);

        JsonNode stored = JSON.readTree(os.connection().raw("GET", "/" + os.alias("reviews") + "/_doc/c-riser", null).body()).path("_source");
        assertThat(stored.path("state").asText()).isEqualTo("escalated");
        assertThat(stored.path("evidence_watermark").asText()).isEqualTo("2025-06-25");
        assertThat(stored.path("history")).hasSize(3);

        // A listed child keeps its state on the list.
        service.assign("c-many", "dm.smith", "sw.jones");
        WatchlistEntry entry = service.watchlist(AS_OF, 90, 10).stream().filter(e -> e.personId().equals("c-many")).findFirst().orElseThrow();
        assertThat(entry.state()).isEqualTo(ReviewState.ASSIGNED);
        assertThat(entry.assignedTo()).isEqualTo("sw.jones");

        assertThatThrownBy(() -> service.dismiss("c-riser", "dm.lee", " ")).hasMessageContaining("reason");
        assertThatThrownBy(() -> service.acknowledge("c-riser", null)).hasMessageContaining("user");
    }

    @Test
    @Order(3)
    void aDismissedChildReappearsOnlyWhenNewEvidenceRaisesItsScore(TestOpenSearch os) {
        WatchlistService service = service(os);
        Review dismissed = service.dismiss("c-many", "dm.smith", "open to CSC, plan in place");
        assertThat(dismissed.evidenceWatermark()).isEqualTo(LocalDate.parse("2025-06-20"));
        assertThat(dismissed.scoreAtReview()).isGreaterThan(10);

        assertThat(service.watchlist(AS_OF, 90, 10)).extracting(WatchlistEntry::personId).doesNotContain("c-many");
        // Ten days on it would still qualify by its 90-day rise, but nothing is newer than the watermark.
        assertThat(service.watchlist(LocalDate.parse("2025-07-10"), 90, 10)).extracting(WatchlistEntry::personId).doesNotContain("c-many");
        // A record that does not count (negated) is no new evidence either.
        CountySlice.addEvent(os, """
                {"event_id":"health:GP-4","agency":"health","record_type":"gp_consultation","event_date":"2025-07-03",
                 "people":[{"person_id":"c-many","role":"subject","is_child":true,"household_id":"hh-1"}],
                 "person_ids":["c-many"],"child_ids":["c-many"],"household_ids":["hh-1"],
                 "hits":[{"indicator_id":"PHY06","severity":"medium","counts":false,"context":"negated","field":"text"}]}""");
        assertThat(service.watchlist(LocalDate.parse("2025-07-10"), 90, 10)).extracting(WatchlistEntry::personId).doesNotContain("c-many");

        CountySlice.addEvent(os, """
                {"event_id":"police:INC-300","agency":"police","record_type":"missing_episode","event_date":"2025-07-05",
                 "people":[{"person_id":"c-many","role":"missing_person","is_child":true,"household_id":"hh-1"}],
                 "person_ids":["c-many"],"child_ids":["c-many"],"household_ids":["hh-1"],
                 "hits":[{"indicator_id":"MIS01","severity":"medium","counts":true,"field":"record_type"}]}""");
        WatchlistEntry back = service.watchlist(LocalDate.parse("2025-07-10"), 90, 10).stream()
                .filter(e -> e.personId().equals("c-many")).findFirst().orElseThrow();
        assertThat(back.reopened()).isTrue();
        assertThat(back.state()).isEqualTo(ReviewState.NEW);
        assertThat(back.reason()).contains("Missing episode (police)");
        // The dismissal itself stays on record.
        assertThat(service.review("c-many").state()).isEqualTo(ReviewState.DISMISSED);
    }

    @Test
    @Order(4)
    void theWatchlistExportReplaysMonthByMonthAndSaysWhenEachChildSurfaced(TestOpenSearch os) throws Exception {
        ScoreService scores = scores(os);
        StringWriter out = new StringWriter();
        int rows = new WatchlistExport(scores.scorer()).write(scores, AS_OF, 6, 2, 90, ExportFormat.JSONL, out);
        List<JsonNode> docs = out.toString().lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(docs).hasSize(rows);
        assertThat(docs).extracting(d -> d.path("person_id").asText()).containsExactly("c-many", "c-single");
        JsonNode many = docs.getFirst();
        assertThat(many.path("rank").asInt()).isEqualTo(1);
        assertThat(many.path("section").asText()).isEqualTo("cumulative");
        assertThat(many.path("first_amber").asText()).isEqualTo("2025-05-31");
        assertThat(many.path("first_red").asText()).isEqualTo("2025-06-30");
        // Amber in May on two concerns (a DA incident, missed appointments); a cumulative picture by the end of June.
        assertThat(many.path("first_top_k").asText()).isEqualTo("2025-06-30");
        JsonNode single = docs.get(1);
        assertThat(single.path("rank").isNull()).isTrue();
        assertThat(single.path("first_top_k").isNull()).isTrue();
        assertThat(single.path("first_amber").asText()).isEqualTo("2025-01-31");

        var replay = new WatchlistReplay(scores.scorer()).replay(scores, AS_OF, 6, 2, 90);
        assertThat(replay.steps()).extracting(WatchlistReplay.Step::date).endsWith(AS_OF);
        // January: one serious concern, in the single-concern section beside the (empty) top K.
        assertThat(replay.steps().getFirst().topK()).isEmpty();
        assertThat(replay.steps().getFirst().singleConcern()).containsExactly("c-single");
    }
}
