package org.tessera.indexer.synthetic.notes;

/** Entity classes annotated in generated notes, for NER training. */
public enum EntityType {
    PERSON, LOCATION, ORGANISATION, DATE
}
