package org.tessera.indexer.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.config.SettingsSource;

@ExtendWith(OpenSearchExtension.class)
class ExternalClusterIT {

    @Test
    void configuredUrisAreUsedAndNoEmbeddedServerIsStarted(TestOpenSearch os, @TempDir Path embeddedHome) throws Exception {
        URI running = os.connection().uris().getFirst();
        OpenSearchProperties properties = OpenSearchSettings.from(SettingsSource.of(java.util.Map.of(
                "tessera.opensearch.uris", running.toString(),
                "tessera.opensearch.embedded.home", embeddedHome.toString(),
                "tessera.opensearch.embedded.port", "9487",
                "tessera.opensearch.index-prefix", os.connection().indexPrefix())));

        try (OpenSearchConnection connection = OpenSearchConnection.open(properties)) {
            assertThat(connection.uris()).isEqualTo(List.of(running));
            assertThat(connection.client().info().version().number()).isEqualTo(EmbeddedProperties.OPENSEARCH_VERSION);
            assertThat(connection.raw("GET", "/" + connection.alias("events"), null).status()).isEqualTo(200);
        }

        try (var files = Files.list(embeddedHome)) {
            assertThat(files).as("nothing unpacked or started in the embedded home").isEmpty();
        }
        assertThat(new EmbeddedOpenSearch(properties.embedded()).status().running()).isFalse();
    }
}
