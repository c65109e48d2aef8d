package org.tessera.indexer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.config.SettingsSource;

/**
 * Two sets of indices (index prefixes) sharing one key directory anchor their chains in two
 * checkpoint files: one prefix's head must never read as the other's truncation. The default prefix
 * keeps the file name installations already have.
 */
class AuditAnchorTest {

    private static Path checkpointOf(Path dir, String prefix) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("tessera.audit.key-file", dir.resolve("audit.key").toString()));
        if (prefix != null) {
            settings.put("tessera.opensearch.index-prefix", prefix);
        }
        return AuditAnchor.forWriter(SettingsSource.of(settings)).checkpoint().file();
    }

    @Test
    void eachIndexPrefixHasItsOwnCheckpointBesideTheKey(@TempDir Path dir) {
        assertThat(checkpointOf(dir, null).getFileName()).hasToString("audit.checkpoint");
        assertThat(checkpointOf(dir, "tessera").getFileName()).hasToString("audit.checkpoint");
        assertThat(checkpointOf(dir, "bench").getFileName()).hasToString("audit-bench.checkpoint");
        assertThat(checkpointOf(dir, "bench").getParent()).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void anExplicitCheckpointFileWins(@TempDir Path dir) {
        Map<String, String> settings = Map.of("tessera.audit.key-file", dir.resolve("audit.key").toString(),
                "tessera.opensearch.index-prefix", "bench", "tessera.audit.checkpoint-file", dir.resolve("here.checkpoint").toString());
        assertThat(AuditAnchor.forWriter(SettingsSource.of(settings)).checkpoint().file()).isEqualTo(dir.resolve("here.checkpoint"));
    }
}
