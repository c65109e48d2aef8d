package org.tessera.indexer.synthetic.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GazetteerTest {

    @Test
    void upToTwentyThousandChildrenTheCountyIsTheOneItAlwaysWas() {
        assertThat(addresses(Gazetteer.forChildren(42, 20_000), 2_000)).isEqualTo(addresses(new Gazetteer(42), 2_000));
        assertThat(addresses(Gazetteer.forChildren(42, 3_000), 2_000)).isEqualTo(addresses(new Gazetteer(42), 2_000));
    }

    @Test
    void aLargerCountyHasMoreStreetsSoFamiliesDoNotShareAnAddressMoreOften() {
        // 150,000 children: eight times the streets, so about as many households an address as at 20,000
        int small = streets(new Gazetteer(7), 200_000);
        int large = streets(Gazetteer.forChildren(7, 150_000), 200_000);
        assertThat(large).isBetween(small * 7, small * 9);
        // the same draws land on far fewer shared addresses
        assertThat(shared(Gazetteer.forChildren(7, 150_000), 87_000)).isLessThan(shared(new Gazetteer(7), 87_000) / 3);
    }

    @Test
    void aScaleOutsideWhatTheStreetNamesAllowIsRefused() {
        assertThatThrownBy(() -> new Gazetteer(1, 17)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..16");
        assertThat(new Gazetteer(1, 16).randomAddress(new SplittableRandom(1))).isNotNull();
    }

    private static List<Address> addresses(Gazetteer gazetteer, int n) {
        SplittableRandom rng = new SplittableRandom(99);
        List<Address> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(gazetteer.randomAddress(rng));
        }
        return out;
    }

    private static int streets(Gazetteer gazetteer, int draws) {
        Set<String> streets = new HashSet<>();
        for (Address a : addresses(gazetteer, draws)) {
            streets.add(a.district() + "|" + a.street());
        }
        return streets.size();
    }

    /** Draws that land on an address (postcode and first line) an earlier draw had. */
    private static int shared(Gazetteer gazetteer, int draws) {
        Set<String> seen = new HashSet<>();
        int shared = 0;
        for (Address a : addresses(gazetteer, draws)) {
            if (!seen.add(a.postcode() + "|" + a.line1())) {
                shared++;
            }
        }
        return shared;
    }
}
