package org.tessera.indexer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code feed:} in a source mapping: snapshot by default, delta with tombstone files, checked at load. */
class SourceMappingFeedTest {

    /** The smallest mapping the loader accepts, without {@code feed:}. */
    private static final String BASE = SourceMappingLoaderTest.MINIMAL;

    @Test
    void aMappingWithoutFeedIsASnapshotAsBefore() {
        assertThat(SourceMappingLoaderTest.load(BASE).feed()).isEqualTo(SourceMapping.Feed.SNAPSHOT);
    }

    @Test
    void aDeltaFeedNamesItsTombstoneFiles() {
        SourceMapping m = SourceMappingLoaderTest.load(BASE + "feed: { kind: delta, tombstones: [\"withdrawn_tiny_*.csv\"] }\n");
        assertThat(m.feed().delta()).isTrue();
        assertThat(m.tombstoneFile(Path.of("withdrawn_tiny_2026-06-01.csv"))).isTrue();
        assertThat(m.tombstoneFile(Path.of("tiny_2026.csv"))).isFalse();
        assertThat(SourceMappingLoaderTest.load(BASE + "feed: delta\n").feed().tombstones()).isEmpty();
    }

    @Test
    void anUnknownFeedKindIsRefusedAtLoad() {
        assertThatThrownBy(() -> SourceMappingLoaderTest.load(BASE + "feed: daily\n"))
                .isInstanceOf(MappingException.class).hasMessageContaining("feed").hasMessageContaining("snapshot or delta");
    }

    @Test
    void tombstonesOnASnapshotAreRefusedAtLoad() {
        assertThatThrownBy(() -> SourceMappingLoaderTest.load(BASE + "feed: { kind: snapshot, tombstones: [\"gone_*.csv\"] }\n"))
                .isInstanceOf(MappingException.class).hasMessageContaining("feed.tombstones");
    }

    @Test
    void aTombstoneGlobTheExtractGlobAlsoClaimsIsRefusedAtLoad() {
        assertThatThrownBy(() -> SourceMappingLoaderTest.load(BASE + "feed: { kind: delta, tombstones: [\"tiny_gone_*.csv\"] }\n"))
                .isInstanceOf(MappingException.class).hasMessageContaining("also claimed by files glob");
    }
}
