package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.Origin;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.linkage.BlockingKeys;
import org.tessera.indexer.linkage.PersonOccurrence;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

/**
 * A feed store on the records mapping v4 (each record's raw and refined keys, ADR 0053) brought to v5 (each person's raw
 * keys and refinements, no key for the record, ADR 0065) as docs/operations.md says: {@code tessera indices migrate
 * records} (a reindex: every record kept, the keys outside {@code _source} dropped, so every record is stale and no
 * arrival reads the store's keys) then the stale keys written from the stored records ({@code tessera relink
 * --blocking-keys-only}, {@link FeedStore#rewriteKeys}: only the stale, so a rewrite stopped half way is finished by the
 * next). A v4 store is not read through its keys by this code.
 */
@ExtendWith(OpenSearchExtension.class)
class RecordsV5MigrationIT {

    @Test
    void aV4StoreIsReindexedAndReKeyedWithNothingLost(TestOpenSearch os) throws Exception {
        var connection = os.connection();
        String alias = os.alias(FeedStore.INDEX);
        // the store as v4 left it: the v4 index behind the alias, each record with its v4 keys beside it
        JsonNode live = connection.call("GET", "/_alias/" + alias, (JsonNode) null);
        live.fieldNames().forEachRemaining(name -> connection.raw("DELETE", "/" + name, null));
        JsonNode v4;
        try (InputStream in = getClass().getResourceAsStream("/feedstore/records-v4.json")) {
            v4 = EngineJson.MAPPER.readTree(in);
        }
        ObjectNode body = EngineJson.object();
        body.set("settings", v4.path("settings"));
        body.set("mappings", v4.path("mappings"));
        body.putObject("aliases").putObject(alias).put("is_write_index", true);
        String v4Index = connection.indexPrefix() + "-" + FeedStore.INDEX + "-v4";
        assertThat(connection.raw("PUT", "/" + v4Index, body.toString()).ok()).isTrue();
        List<SourceRecord> records = records();
        for (SourceRecord record : records) {
            ObjectNode doc = FeedStore.document(record, "job-1", null, false).document();
            BlockingKeys.Stored keys = BlockingKeys.storedOf(PersonOccurrence.of(record));
            keys.keys().forEach(doc.putArray("blocking_keys")::add);
            var units = doc.putArray(RecordIndexFields.BLOCKING_UNITS);
            keys.units().forEach(u -> {
                ObjectNode unit = units.addObject();
                u.keys().forEach(unit.putArray(RecordIndexFields.UNIT_KEYS)::add);
                unit.put(RecordIndexFields.UNIT, u.unit());
            });
            doc.put(RecordIndexFields.BLOCKING_VERSION, "a v4 digest");
            connection.index(alias, record.eventId(), doc, Map.of());
        }
        connection.refresh(alias);
        FeedStore before = new FeedStore(connection);
        assertThat(before.keyed()).as("a v4 store is not read through its keys").isFalse();
        assertThat(before.rewriteKeys()).isZero();

        // tessera indices migrate records
        assertThat(os.indices().migrate(FeedStore.INDEX, false).concreteIndex()).endsWith("-v5");
        FeedStore store = new FeedStore(connection);
        assertThat(store.keyed()).isTrue();
        assertThat(connection.count(alias, EngineJson.object().set("match_all", EngineJson.object()))).isEqualTo(records.size());
        assertThat(store.staleKeys()).as("every record stale until re-keyed: no arrival reads the store's keys").isEqualTo(records.size());

        // tessera relink --blocking-keys-only
        assertThat(store.rewriteKeys()).isEqualTo(records.size());
        assertThat(store.staleKeys()).isZero();
        assertThat(store.rewriteKeys()).as("nothing stale is left").isZero();
        for (SourceRecord record : records) {
            assertThat(connection.get(alias, record.eventId())).hasValueSatisfying(doc -> {
                assertThat(RecordJson.fromJson(doc.path(RecordIndexFields.RECORD))).isEqualTo(record);
                assertThat(doc.has("blocking_keys")).isFalse();
            });
            // found again by each of its persons' raw keys, and by each refined key a full run could block it on
            Set<String> raw = new HashSet<>();
            BlockingKeys.of(PersonOccurrence.of(record)).forEach(raw::addAll);
            for (String key : raw) {
                assertThat(store.eventIdsSharing(List.of(BlockingKeys.stored(key)))).as(key).contains(record.eventId());
            }
            for (String refined : BlockingKeys.storedOf(PersonOccurrence.of(record)).keys()) {
                assertThat(store.eventIdsSharing(List.of(refined))).as(refined).contains(record.eventId());
            }
        }
        JsonNode mapping = connection.call("GET", "/" + alias + "/_mapping", (JsonNode) null);
        mapping.forEach(index -> assertThat(index.path("mappings").path("properties").has("blocking_keys")).isFalse());
    }

    private static List<SourceRecord> records() {
        List<SourceRecord> out = new ArrayList<>();
        String[] given = {"Kayleigh", "Liam", "Olivia", "Noah", "Amelia"};
        for (int i = 0; i < 15; i++) {
            List<InvolvedPerson> people = new ArrayList<>();
            people.add(new InvolvedPerson("subject", given[i % given.length], i % 2 == 0 ? "Okonkwo" : "Jones", List.of(),
                    PartialDate.of(LocalDate.of(2012 + i % 4, 1 + i % 12, 1 + i)), null, (i + 1) + " Mill Lane", "NR2 " + (i % 3) + "AB",
                    i % 3 == 0 ? Map.of("nhs_number", "9434765919") : Map.of()));
            if (i % 2 == 0) {
                people.add(new InvolvedPerson("mother", "Ann", "Okonkwo", List.of(), null, "F", (i + 1) + " Mill Lane", "NR2 " + (i % 3) + "AB",
                        Map.of()));
            }
            out.add(new SourceRecord("police_incidents", "M" + i, "police", "domestic_incident", PartialDate.of(LocalDate.of(2026, 1, 1 + i)),
                    "Incident", "Seen at home.", Map.of(), null, people, new Origin("police.csv", i + 2, i + 2)));
        }
        return out;
    }
}
