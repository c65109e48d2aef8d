package org.tessera.indexer.synthetic.population;

/** A postal address in the fictional county (or, for out-of-area moves, outside it). */
public record Address(String line1, String street, String town, String postcode, int district) {
    public String oneLine() {
        return line1 + ", " + town + ", " + postcode;
    }
}
