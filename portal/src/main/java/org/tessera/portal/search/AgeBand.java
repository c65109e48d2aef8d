package org.tessera.portal.search;

import java.util.List;

/** Age bands used as a facet: children's safeguarding stages, then adults. */
public record AgeBand(String label, int minAge, int maxAge) {

    public static final List<AgeBand> ALL = List.of(
            new AgeBand("0-4", 0, 4), new AgeBand("5-10", 5, 10), new AgeBand("11-15", 11, 15),
            new AgeBand("16-17", 16, 17), new AgeBand("18+", 18, 150));
    public static final List<String> LABELS = ALL.stream().map(AgeBand::label).toList();

    public static AgeBand parse(String label) {
        return ALL.stream().filter(band -> band.label().equals(label)).findFirst().orElse(null);
    }
}
