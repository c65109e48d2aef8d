package org.tessera.indexer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The ids and hashes every stored document is keyed by: pinned values (Python's hashlib gives the same). */
class IdsTest {

    @Test
    void eventIdIsTheFirstTwentyHexDigitsOfTheSourceAndRecordIdsDigest() {
        assertThat(Ids.eventId("police_incidents", "PI-000123")).isEqualTo("ev-d2ca59990433c6fa8eb0");
        assertThat(Ids.occurrenceId(Ids.eventId("police_incidents", "PI-000123"), 1)).isEqualTo("ev-d2ca59990433c6fa8eb0-p1");
    }

    @Test
    void sha256HexOfAStringIsThatOfItsUtf8Bytes() {
        String text = "Zoë, née Smith";
        assertThat(Ids.sha256Hex(text)).isEqualTo("50079bd05e25dcb6fb26bca362001f18fa27e7d12d50e8447b70d60d3ce8ebf1")
                .isEqualTo(Ids.sha256Hex(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(Ids.sha256Hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void manyThreadsAtOnceGetTheSameHashesAsOneThread() {
        List<String> sequential = IntStream.range(0, 20_000).mapToObj(i -> Ids.eventId("source", "r" + i)).toList();
        List<String> parallel = IntStream.range(0, 20_000).parallel().mapToObj(i -> Ids.eventId("source", "r" + i)).toList();
        assertThat(parallel).isEqualTo(sequential);
        // and a long input between two short ones leaves no state behind
        String a = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";
        assertThat(Ids.sha256Hex("a")).isEqualTo(a);
        Ids.sha256Hex("x".repeat(100_000));
        assertThat(Ids.sha256Hex("a")).isEqualTo(a);
    }
}
