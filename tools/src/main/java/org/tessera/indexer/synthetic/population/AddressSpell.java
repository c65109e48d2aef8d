package org.tessera.indexer.synthetic.population;

import java.time.LocalDate;

/** The household lived at {@code address} from {@code from} (inclusive) until the next spell. */
public record AddressSpell(LocalDate from, Address address, Tenure tenure) {
}
