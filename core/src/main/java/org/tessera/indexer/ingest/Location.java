package org.tessera.indexer.ingest;

/** Where an event happened, as the agency wrote it. Both parts may be null. */
public record Location(String address, String postcode) {
    public boolean isEmpty() { return address == null && postcode == null; }
}
