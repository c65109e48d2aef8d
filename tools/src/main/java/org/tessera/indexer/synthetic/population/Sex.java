package org.tessera.indexer.synthetic.population;

public enum Sex {
    MALE, FEMALE;

    public String code() {
        return this == MALE ? "M" : "F";
    }
}
