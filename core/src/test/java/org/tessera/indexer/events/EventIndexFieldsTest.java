package org.tessera.indexer.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.ProductSources;

/**
 * {@link EventIndexFields} is the one place that knows the events index's field names: each constant
 * is a field of {@code mappings/indices/events.json}, and no product source outside it spells one
 * of the index's distinctive names or dotted paths as a string literal.
 */
class EventIndexFieldsTest {

    /**
     * Names of the events index that mean nothing else in the code (generic words such as
     * {@code source}, {@code text} or {@code hits} are also query and answer keys, so a grep
     * cannot tell them apart; the constants still name them). Every dotted path of the mapping
     * is guarded too.
     */
    private static final Set<String> DISTINCTIVE = Set.of("event_id", "event_date", "event_date_precision", "ingested_at",
            "record_type", "person_ids", "child_ids", "youngest_child_age", "subject_age", "entity_names", "contexts",
            "indicator_ids", "indicator_id", "indicator_version", "evidence_start", "evidence_end",
            // nested and document fields that only the events index has
            "age_years", "household_id", "subject_link", "date_source");

    @Test
    void everyConstantIsAFieldOfTheEventsMapping() throws Exception {
        Set<String> mapped = mappedPaths();
        List<String> unknown = new ArrayList<>();
        for (Class<?> type : List.of(EventIndexFields.class, EventIndexFields.People.class, EventIndexFields.Hits.class,
                EventIndexFields.Contexts.class, EventIndexFields.Entities.class, EventIndexFields.Location.class, EventIndexFields.Document.class)) {
            String parent = type == EventIndexFields.class ? null : (String) type.getField("PATH").get(null);
            for (Field field : type.getFields()) {
                if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
                    continue;
                }
                String name = (String) field.get(null);
                boolean known = mapped.contains(name) || (parent != null && mapped.contains(parent + "." + name));
                if (!known) {
                    unknown.add(type.getSimpleName() + "." + field.getName() + " = " + name);
                }
            }
        }
        assertThat(unknown).as("constants that are not fields of events.json").isEmpty();
        assertThat(mapped).containsAll(DISTINCTIVE.stream().filter(n -> !n.startsWith("indicator_") && !n.startsWith("evidence_"))
                .filter(n -> !Set.of("age_years", "household_id", "subject_link", "date_source").contains(n))
                .collect(Collectors.toSet()));
        assertThat(mapped).contains("people.age_years", "people.household_id", "document.subject_link", "document.date_source");
        assertThat(mapped).contains("hits.indicator_id", "hits.indicator_version", "hits.evidence_start", "hits.evidence_end");
    }

    @Test
    void noProductSourceOutsideEventIndexFieldsSpellsAnEventsFieldName() throws Exception {
        List<ProductSources.Finding> literals = ProductSources.find(productSources(), literalPattern()).stream()
                // external vocabularies that happen to share a name: sidecar file keys, REST parameters
                .filter(f -> !f.text().contains("@JsonProperty") && !f.text().contains("@RequestParam"))
                .toList();
        assertThat(literals).as("events field names spelled outside EventIndexFields").isEmpty();
    }

    @Test
    void theCheckFindsTheNamesWhereTheyAreSpelled() throws Exception {
        List<Path> eventFields = ProductSources.all().stream().filter(p -> p.endsWith(Path.of("events", "EventIndexFields.java"))).toList();
        assertThat(eventFields).hasSize(1);
        assertThat(ProductSources.find(eventFields, literalPattern())).hasSizeGreaterThanOrEqualTo(DISTINCTIVE.size());
    }

    private static List<Path> productSources() {
        return ProductSources.all().stream()
                .filter(p -> !ProductSources.isTool(p))
                .filter(p -> !p.endsWith(Path.of("events", "EventIndexFields.java")))
                .toList();
    }

    private static Pattern literalPattern() throws Exception {
        Set<String> guarded = new TreeSet<>(DISTINCTIVE);
        mappedPaths().stream().filter(p -> p.contains(".") && !p.startsWith("codes.")).forEach(guarded::add);
        return Pattern.compile("\"(" + guarded.stream().map(Pattern::quote).collect(Collectors.joining("|")) + ")\"");
    }

    /** Every top-level name and dotted path of the events mapping (the dynamic {@code codes.*} included as declared). */
    private static Set<String> mappedPaths() throws Exception {
        JsonNode definition = EngineJson.MAPPER.readTree(Files.readString(
                ProductSources.repositoryRoot().resolve("mappings").resolve("indices").resolve("events.json")));
        JsonNode mappings = definition.has("mappings") ? definition.get("mappings") : definition;
        Set<String> paths = new TreeSet<>();
        collect(mappings.path("properties"), "", paths);
        assertThat(paths).as("events.json properties").hasSizeGreaterThan(30);
        return paths;
    }

    private static void collect(JsonNode properties, String prefix, Set<String> paths) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            paths.add(prefix + field.getKey());
            collect(field.getValue().path("properties"), prefix + field.getKey() + ".", paths);
        }
    }
}
