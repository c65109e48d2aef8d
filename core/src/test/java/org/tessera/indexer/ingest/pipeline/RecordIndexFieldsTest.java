package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.ProductSources;

/**
 * Every field constant of {@link RecordIndexFields} is a field of {@code mappings/indices/records.json} (top-level, or
 * inside a nested field), and every field there has one.
 */
class RecordIndexFieldsTest {

    @Test
    void theConstantsAreTheFieldsOfTheRecordsMapping() throws Exception {
        JsonNode definition = EngineJson.MAPPER.readTree(Files.readString(
                ProductSources.repositoryRoot().resolve("mappings").resolve("indices").resolve("records.json")));
        Set<String> mapped = new HashSet<>();
        definition.path("mappings").path("properties").properties().forEach(field -> {
            mapped.add(field.getKey());
            // a nested field's own fields (blocking_units: keys, unit) are constants too, named relative to it
            field.getValue().path("properties").fieldNames().forEachRemaining(mapped::add);
        });
        assertThat(mapped).hasSizeGreaterThan(5);

        List<String> constants = new ArrayList<>();
        for (Field field : RecordIndexFields.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                constants.add((String) field.get(null));
            }
        }
        assertThat(constants).containsExactlyInAnyOrderElementsOf(mapped);
    }
}
