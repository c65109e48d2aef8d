package org.tessera.portal.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessera.portal.common.AddressPeriods.Record;

class HouseholdNetworkTest {

    private static final HouseholdNetwork.Source CHILD = new HouseholdNetwork.Source("c", "Jayden Smith", "2015-03-14", true,
            List.of(new Record("12 Mill Road, Tessford", "TC1 4AB", "2021-01-01", null),
                    new Record("4 Station Street, Tessford", "TC2 7XY", "2018-05-01", "2020-12-31")),
            List.of("h1"), Map.of("m", "mother"));
    private static final HouseholdNetwork.Source MOTHER = new HouseholdNetwork.Source("m", "Kelly Smith", "1990-07-02", false,
            List.of(new Record("12 Mill Road, Tessford", "TC1 4AB", "2022-06-01", null)), List.of("h1"), Map.of("c", "child"));
    private static final HouseholdNetwork.Source PARTNER = new HouseholdNetwork.Source("p", "Darren Cole", null, false,
            List.of(new Record(null, "TC1 4AB", null, null)), List.of("h1"), Map.of());
    private static final HouseholdNetwork.Source UNCLE = new HouseholdNetwork.Source("u", "Lee Smith", null, false,
            List.of(new Record("9 Far Lane", "TC9 1ZZ", "2019-01-01", null)), List.of(), Map.of());

    @Test
    void peopleWhoLivedAtTheSameAddressAtTheSameTimeAreLinkedWithTheOverlappingPeriod() {
        HouseholdNetwork network = HouseholdNetwork.of(CHILD, List.of(MOTHER, PARTNER, UNCLE), Map.of("m", "mother"),
                Map.of("c", 7L, "m", 3L), Map.of(HouseholdNetwork.pair("m", "c"), 2L, HouseholdNetwork.pair("u", "p"), 1L));

        HouseholdNetwork.Link mother = link(network, "c", "m");
        assertThat(mother.relation()).isEqualTo("Jayden Smith's mother");
        assertThat(mother.livedTogether()).containsExactly("12 Mill Road, Tessford TC1 4AB 2022-06-01 to now");
        assertThat(mother.describe()).isEqualTo("Jayden Smith's mother; lived together at 12 Mill Road, Tessford TC1 4AB 2022-06-01 to now; 2 records in common");

        // Known only by the postcode: seen at the same postcode, dates not recorded.
        assertThat(link(network, "c", "p").livedTogether()).containsExactly("12 Mill Road, Tessford TC1 4AB 2021-01-01 to now");
        // Linked only through a record naming both.
        HouseholdNetwork.Link records = link(network, "p", "u");
        assertThat(records.describe()).isEqualTo("1 record in common");
        // No relation, no address, no household, no record: no line.
        assertThat(network.links()).noneMatch(l -> l.a().equals("c") && l.b().equals("u") || l.a().equals("u") && l.b().equals("c"));

        assertThat(network.people()).extracting(HouseholdNetwork.Person::relation).containsExactly("this person", "mother", "household member", "household member");
        assertThat(network.people().getFirst().records()).isEqualTo(7);
        assertThat(network.residences()).extracting(r -> r.place() + ":" + r.name())
                .contains("12 Mill Road, Tessford TC1 4AB:Jayden Smith", "12 Mill Road, Tessford TC1 4AB:Kelly Smith",
                        "4 Station Street, Tessford TC2 7XY:Jayden Smith", "postcode TC1 4AB:Darren Cole");
    }

    @Test
    void periodsThatDoNotOverlapAreNotLivingTogether() {
        HouseholdNetwork.Source before = new HouseholdNetwork.Source("x", "Former Tenant", null, false,
                List.of(new Record("12 Mill Road, Tessford", "TC1 4AB", "2015-01-01", "2020-06-30")), List.of(), Map.of());
        HouseholdNetwork network = HouseholdNetwork.of(CHILD, List.of(before), Map.of(), Map.of(), Map.of());
        assertThat(network.links()).isEmpty();
    }

    private static HouseholdNetwork.Link link(HouseholdNetwork network, String a, String b) {
        return network.links().stream().filter(l -> l.a().equals(a) && l.b().equals(b) || l.a().equals(b) && l.b().equals(a))
                .findFirst().orElseThrow(() -> new AssertionError("no link " + a + "-" + b));
    }
}
