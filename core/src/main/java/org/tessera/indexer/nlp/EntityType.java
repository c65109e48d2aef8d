package org.tessera.indexer.nlp;

import java.util.Locale;

/** Kinds of entity found in case-note text. The first three come from the trained model, the rest from rules. */
public enum EntityType {
    PERSON,
    LOCATION,
    ORGANISATION,
    DATE,
    POSTCODE,
    PHONE,
    NHS_NUMBER;

    /** The type name used inside the OpenNLP model (lower case, as OpenNLP convention). */
    public String modelName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a model type name back; unknown names are a configuration error. */
    public static EntityType fromModelName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
