package org.tessera.indexer.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tessera.indexer.scoring.CountySlice.AS_OF;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.cli.TesseraCli;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;
import picocli.CommandLine;

@ExtendWith(OpenSearchExtension.class)
class ScoringIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void loadCounty(TestOpenSearch os) {
        CountySlice.load(os);
    }

    private static ScoreService service(TestOpenSearch os) {
        return ScoreService.fromIndex(os.connection(), ScoringParameters.loadDefault(), true);
    }

    private static JsonNode risk(TestOpenSearch os, String personId) throws Exception {
        var response = os.connection().raw("GET", "/" + os.alias("persons") + "/_doc/" + personId, null);
        assertThat(response.ok()).as(response.body()).isTrue();
        return JSON.readTree(response.body()).path("_source");
    }

    @Test
    void rescoreAllWritesScoreBandVelocityAndTopIndicatorsOnEveryReachedChild(TestOpenSearch os) throws Exception {
        ScoreService service = service(os);
        RescoreResult result = service.rescoreAll(AS_OF);
        assertThat(result.failures()).isEmpty();
        assertThat(result.scored()).isEqualTo(result.written()).isEqualTo(4);

        JsonNode many = risk(os, "c-many");
        assertThat(many.path("given_names").asText()).as("the rest of the person document is kept").isEqualTo("Molly");
        assertThat(many.path("risk").path("band").asText()).isEqualTo("red");
        assertThat(many.path("risk").path("as_of").asText()).isEqualTo("2025-06-30");
        assertThat(many.path("risk").path("score").asDouble()).isCloseTo(service.assess("c-many", AS_OF).score(), within(0.001));
        assertThat(many.path("risk").path("top_indicators").get(0).asText()).isEqualTo("PAR01");
        assertThat(risk(os, "c-single").path("risk").path("band").asText()).isEqualTo("amber");
        assertThat(risk(os, "c-many").path("risk").path("score").asDouble())
                .isGreaterThan(risk(os, "c-single").path("risk").path("score").asDouble());
        // A child known only from events gets a minimal person document with its risk.
        JsonNode moved = risk(os, "c-moved");
        assertThat(moved.path("is_child").asBoolean()).isTrue();
        assertThat(moved.path("risk").path("top_indicators")).extracting(JsonNode::asText).containsExactlyInAnyOrder("EDU06", "CJ03");
        // The mother is not a child: never scored.
        assertThat(risk(os, "a-mum").has("risk")).isFalse();
    }

    @Test
    void aHouseholdAdultsRecordReachesTheChildOnlyWhileTheyLivedTogether(TestOpenSearch os) {
        ScoreService service = service(os);
        RiskScore many = service.assess("c-many", AS_OF).now();
        assertThat(many.contributions()).filteredOn(c -> c.reach() == Reach.HOUSEHOLD)
                .extracting(Contribution::eventId, Contribution::title)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("police:INC-101", "Parental drug misuse"));
        RiskScore moved = service.assess("c-moved", AS_OF).now();
        assertThat(moved.contributions()).extracting(Contribution::eventId)
                .containsExactlyInAnyOrder("education:EXC-1", "police:INC-200");
    }

    @Test
    void eventsAfterTheAsOfDateAreNotReadAndAnEventLateOnTheAsOfDayIs(TestOpenSearch os) {
        ScoreService service = service(os);
        assertThat(service.assess("c-single", AS_OF).now().contributions()).extracting(Contribution::eventId)
                .containsExactly("health:ED-9");
        assertThat(service.assess("c-single", LocalDate.parse("2025-07-02")).now().contributions()).extracting(Contribution::eventId)
                .containsExactlyInAnyOrder("health:ED-9", "police:INC-900");
        assertThat(service.assess("c-many", LocalDate.parse("2025-05-10")).now().contributions()).extracting(Contribution::eventId)
                .contains("police:INC-100");
        assertThat(service.assess("c-many", LocalDate.parse("2025-05-09")).now().contributions()).extracting(Contribution::eventId)
                .doesNotContain("police:INC-100");
    }

    @Test
    void anIndicatorsHalfLifeTitleAndConcernComeFromTheCatalogue(TestOpenSearch os) {
        RiskScore many = service(os).assess("c-many", AS_OF).now();
        assertThat(many.contributions()).filteredOn(c -> c.indicatorId().equals("NEG09"))
                .isNotEmpty()
                .allSatisfy(c -> {
                    assertThat(c.halfLifeDays()).isEqualTo(180.0);
                    assertThat(c.title()).isEqualTo("Was not brought twice in six months");
                    assertThat(c.concern()).isEqualTo("missed_health_care");
                });
    }

    @Test
    void incrementalRescoreUpdatesOnlyTheTouchedChild(TestOpenSearch os) throws Exception {
        ScoreService service = service(os);
        service.rescore(List.of("c-riser", "c-single"), AS_OF);
        double before = risk(os, "c-riser").path("risk").path("score").asDouble();
        double single = risk(os, "c-single").path("risk").path("score").asDouble();
        CountySlice.addEvent(os, """
                {"event_id":"education:NOTE-9","agency":"education","record_type":"welfare_note","event_date":"2025-06-28",
                 "people":[{"person_id":"c-riser","role":"subject","is_child":true,"household_id":"hh-4"}],
                 "person_ids":["c-riser"],"child_ids":["c-riser"],"household_ids":["hh-4"],
                 "hits":[{"indicator_id":"NEG04","severity":"medium","counts":true,"field":"text"}]}""");
        RescoreResult result = service.rescore(List.of("c-riser"), AS_OF);
        assertThat(result.written()).isEqualTo(1);
        JsonNode riser = risk(os, "c-riser").path("risk");
        assertThat(riser.path("score").asDouble()).isGreaterThan(before);
        assertThat(riser.path("top_indicators")).extracting(JsonNode::asText).contains("NEG04", "HOU01");
        assertThat(risk(os, "c-single").path("risk").path("score").asDouble()).isEqualTo(single);
    }

    @Test
    void rescoringNewEventsReachesTheChildrenOfTheAdultsOnThem(TestOpenSearch os) throws Exception {
        ScoreService service = service(os);
        CountySlice.addEvent(os, """
                {"event_id":"probation:SUP-1","agency":"probation","record_type":"offender_supervision","event_date":"2025-06-29",
                 "people":[{"person_id":"a-aunt","role":"subject","is_child":false,"household_id":"hh-4"}],
                 "person_ids":["a-aunt"],"household_ids":["hh-4"],
                 "hits":[{"indicator_id":"CJ02","severity":"high","counts":true,"field":"codes.risk_of_harm","person_ids":["a-aunt"]}]}""");
        assertThat(service.loader().childrenReachedByEvents(List.of("probation:SUP-1"), AS_OF)).containsExactly("c-riser");
        RescoreResult result = service.rescoreEvents(List.of("probation:SUP-1"), AS_OF);
        assertThat(result.written()).isEqualTo(1);
        assertThat(risk(os, "c-riser").path("risk").path("top_indicators")).extracting(JsonNode::asText).contains("CJ02");
    }

    @Test
    void rescoringAnIdWithoutAnyEventCreatesNoPersonDocument(TestOpenSearch os) {
        RescoreResult result = service(os).rescore(List.of("c-nobody"), AS_OF);
        assertThat(result.failures()).isEmpty();
        assertThat(result.written()).isZero();
        assertThat(os.connection().raw("GET", "/" + os.alias("persons") + "/_doc/c-nobody", null).status()).isEqualTo(404);
    }

    @Test
    void theMonthlyTimelineShowsTheRiseIntoRed(TestOpenSearch os) {
        RiskTimeline timeline = service(os).timeline("c-many", AS_OF, 4);
        assertThat(timeline.points()).extracting(RiskTimeline.Point::band)
                .containsExactly(org.tessera.indexer.scoring.Band.GREEN, org.tessera.indexer.scoring.Band.GREEN,
                        org.tessera.indexer.scoring.Band.AMBER, org.tessera.indexer.scoring.Band.RED);
    }

    @Test
    void exportHitsWritesEveryHitUpToTheAsOfDateWithoutEvidenceTextUnlessAsked(TestOpenSearch os) throws Exception {
        StringWriter csv = new StringWriter();
        int rows = new HitExport(new EventQueries(os.connection())).write(AS_OF, ExportFormat.CSV, false, csv);
        List<String> lines = csv.toString().lines().toList();
        assertThat(lines.getFirst()).isEqualTo(String.join(",", HitExport.COLUMNS));
        assertThat(lines).hasSize(rows + 1);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("education:NOTE-3,education_extract,NOTE-3,2025-06-20,education,welfare_note,NEG02,1,medium,,false,\"negated,historical\",text"));
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains("INC-900"));
        assertThat(csv.toString()).doesNotContain("unkempt");

        StringWriter jsonl = new StringWriter();
        new HitExport(new EventQueries(os.connection())).write(AS_OF, ExportFormat.JSONL, true, jsonl);
        List<JsonNode> docs = jsonl.toString().lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(docs).hasSize(rows);
        assertThat(docs).filteredOn(d -> d.path("indicator_id").asText().equals("NEG03"))
                .singleElement().satisfies(d -> {
                    assertThat(d.path("evidence").asText()).contains("unkempt");
                    assertThat(d.path("child_ids").get(0).asText()).isEqualTo("c-many");
                    assertThat(d.path("counts").asBoolean()).isTrue();
                });
    }

    @Test
    void theExportCommandWritesHitsAsJsonLinesToAFile(TestOpenSearch os, @TempDir Path dir) throws Exception {
        Path config = dir.resolve("tessera.properties");
        Files.writeString(config, "tessera.opensearch.uris=" + os.properties().uris().getFirst() + "\n"
                + "tessera.opensearch.index-prefix=" + os.connection().indexPrefix() + "\n");
        Path out = dir.resolve("out/hits.jsonl");
        int exit = new CommandLine(new TesseraCli()).execute("--config", config.toString(), "export", "hits",
                "--as-of", "2025-06-30", "--format", "jsonl", "--out", out.toString());
        assertThat(exit).isZero();
        assertThat(Files.readAllLines(out)).isNotEmpty().allSatisfy(l -> assertThat(JSON.readTree(l).has("indicator_id")).isTrue());

        int rescore = new CommandLine(new TesseraCli()).execute("--config", config.toString(), "rescore", "--as-of", "2025-06-30",
                "--child", "c-many");
        assertThat(rescore).isZero();
    }
}
