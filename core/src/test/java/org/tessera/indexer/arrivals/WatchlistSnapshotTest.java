package org.tessera.indexer.arrivals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.scoring.Band;
import org.tessera.indexer.watchlist.ReviewState;
import org.tessera.indexer.watchlist.WatchlistEntry;
import org.tessera.indexer.watchlist.WatchlistSection;

class WatchlistSnapshotTest {

    private static WatchlistEntry entry(String id, WatchlistSection section, Band band, double score) {
        return new WatchlistEntry(1, section, id, 1, score, band, Band.GREEN, true, score, 0, "why", List.of(), ReviewState.NEW, null, false, null);
    }

    @Test
    void aNewlyListedChildEntersAndAHigherBandASectionMoveOrAScoreRiseCountAsRising() {
        WatchlistSnapshot before = WatchlistSnapshot.of(List.of(
                entry("steady", WatchlistSection.SINGLE_CONCERN, Band.AMBER, 6.0),
                entry("band", WatchlistSection.SINGLE_CONCERN, Band.AMBER, 9.0),
                entry("section", WatchlistSection.SINGLE_CONCERN, Band.RED, 12.0),
                entry("score", WatchlistSection.CUMULATIVE, Band.RED, 12.0),
                entry("nudged", WatchlistSection.CUMULATIVE, Band.RED, 12.0),
                entry("gone", WatchlistSection.CUMULATIVE, Band.RED, 12.0)));
        List<WatchlistEntry> now = List.of(
                entry("new", WatchlistSection.SINGLE_CONCERN, Band.RED, 10.0),
                entry("steady", WatchlistSection.SINGLE_CONCERN, Band.AMBER, 6.0),
                entry("band", WatchlistSection.SINGLE_CONCERN, Band.RED, 10.0),
                entry("section", WatchlistSection.CUMULATIVE, Band.RED, 12.0),
                entry("score", WatchlistSection.CUMULATIVE, Band.RED, 14.5),
                entry("nudged", WatchlistSection.CUMULATIVE, Band.RED, 13.0));

        List<WatchlistChange> changes = before.changesTo(WatchlistSnapshot.of(now), now.stream().map(WatchlistEntry::personId).toList(), 2.0);

        assertThat(changes).extracting(WatchlistChange::personId).containsExactly("new", "band", "section", "score");
        assertThat(changes.getFirst().kind()).isEqualTo(WatchlistChange.Kind.ENTERED);
        assertThat(changes.getFirst().bandBefore()).isNull();
        assertThat(changes.get(1).kind()).isEqualTo(WatchlistChange.Kind.ROSE);
        assertThat(changes.get(1).bandBefore()).isEqualTo("amber");
        assertThat(changes.get(2).sectionBefore()).isEqualTo("single_concern");
    }
}
