package org.tessera.indexer.opensearch.index;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

@ExtendWith(OpenSearchExtension.class)
class MappingRejectedIT {

    @Test
    void definitionTheEngineRejectsFailsWithTheFileNameAndTheEnginesReason(TestOpenSearch os) throws Exception {
        Path folder = Path.of(getClass().getResource("/opensearch/engine-rejects-shards").toURI());
        try (OpenSearchConnection connection = OpenSearchConnection.open(
                os.properties().withIndexPrefix(os.connection().indexPrefix() + "-rejected"))) {
            IndexManager manager = new IndexManager(connection, IndexDefinitions.load(folder));
            try {
                assertThatThrownBy(manager::ensureAll)
                        .isInstanceOf(IndexDefinitionException.class)
                        .hasMessageContaining("events.json")
                        .hasMessageContaining("number_of_shards");
            } finally {
                manager.deleteAll();
            }
        }
    }
}
