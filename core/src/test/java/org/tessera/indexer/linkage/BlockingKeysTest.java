package org.tessera.indexer.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockingKeysTest {

    @Test
    void theStoredFormIsTheUnsignedBase36OfTheHash() {
        long[] edges = {0L, 1L, 35L, 36L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, -36L, -37L, 0xcbf29ce484222325L};
        for (long value : edges) {
            assertThat(BlockingKeys.unsignedBase36(value)).as("%d", value).isEqualTo(Long.toUnsignedString(value, 36));
        }
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 100_000; i++) {
            long value = random.nextLong();
            assertThat(BlockingKeys.unsignedBase36(value)).isEqualTo(Long.toUnsignedString(value, 36));
        }
        // keys as the feed store keeps them (pinned: stored keys must not change form; the second's hash has its top bit set)
        assertThat(BlockingKeys.stored("0:2014-03-09")).isEqualTo("1qf0j3sanchz6");
        assertThat(BlockingKeys.stored("3:kayleigh|okonkwo")).isEqualTo("3nomr5gudpsai");
    }
}
