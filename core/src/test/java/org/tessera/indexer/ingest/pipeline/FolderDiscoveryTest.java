package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.ingest.SourceMappingLoader;
import org.tessera.indexer.ingest.SourceMappings;

/** Which files of a folder an ingest reads, and which it lists as unclaimed instead of guessing. */
class FolderDiscoveryTest {

    @TempDir
    Path folder;

    @Test
    void excludedAndUnmappedFilesAreListedNotReadAndTheRestIsFound() throws IOException, URISyntaxException {
        Path fixture = Path.of(FolderDiscoveryTest.class.getResource("/ingest/v2/exclude").toURI());
        for (String f : List.of("data/incidents.csv", "data/links_expected.csv", "data/readme.xyz", "truth/links.csv",
                "truth/letter.txt")) {
            Files.createDirectories(folder.resolve(f).getParent());
            Files.copy(fixture.resolve(f), folder.resolve(f));
        }
        Files.writeString(folder.resolve("data/referral.txt"), "A referral letter.");
        SourceMappings mappings = new SourceMappings(List.of(new SourceMappingLoader().load(fixture.resolve("mapping.yaml"))));
        List<String> unclaimed = new ArrayList<>();

        List<FolderDiscovery.InputFile> files = FolderDiscovery.discover(folder, mappings, unclaimed);

        assertThat(files).extracting(f -> folder.relativize(f.path()).toString() + (f.document() ? " (document)" : " (" + f.mapping().source() + ")"))
                .containsExactly("data/incidents.csv (fixture_exclude)", "data/referral.txt (document)");
        assertThat(unclaimed).containsExactly("data/links_expected.csv", "data/readme.xyz", "truth/letter.txt", "truth/links.csv");
        assertThat(FolderDiscovery.unclaimedNote(unclaimed))
                .isEqualTo("; warning: 4 file(s) claimed by no source mapping, not read: data/links_expected.csv, data/readme.xyz, "
                        + "truth/letter.txt, truth/links.csv");
    }
}
