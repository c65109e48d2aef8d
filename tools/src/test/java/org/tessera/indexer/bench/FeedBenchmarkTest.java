package org.tessera.indexer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.normalise.Names;

class FeedBenchmarkTest {

    /**
     * The bench's single events must each be about a child of their own (issue 19): the linker
     * compares names without their digits ("Benchmark0" and "Benchmark1" are one name), so the
     * families differ in letters, and in birth dates and house too; and one run's are not another's.
     */
    @Test
    void eachSingleEventIsAboutAFamilyOfItsOwnAsTheLinkerReadsNames() {
        assertThat(Names.parts("Benchmark0")).as("why the families of session 17 were one").isEqualTo(Names.parts("Benchmark1"));
        Set<String> surnames = new HashSet<>();
        Set<String> children = new HashSet<>();
        Set<String> houses = new HashSet<>();
        for (long run : new long[] {1_765_100_000L, 1_765_100_001L}) {
            for (int i = 0; i < 500; i++) {
                String[] child = FeedBenchmark.incident("R" + i, "30/06/2026", run, i).split("\r\n")[2].split(",");
                assertThat(child[11]).isEqualTo("CHILD");
                assertThat(surnames.add(Names.normalise(child[13]))).as("surname %s of event %d, run %d", child[13], i, run).isTrue();
                children.add(child[15]);
                houses.add(child[17]);
            }
        }
        assertThat(children).as("the children's birth dates in one run").hasSizeGreaterThanOrEqualTo(500);
        assertThat(houses).as("houses").hasSize(500);
    }
}
