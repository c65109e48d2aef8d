package org.tessera.indexer.ingest;

import java.util.Set;
import java.util.regex.Pattern;

/** Closed vocabularies of the canonical model (data contract). */
public final class Vocabulary {
    private Vocabulary() {}

    public static final Set<String> AGENCIES = Set.of("police", "health", "education", "social_care", "housing", "probation", "other");

    public static final Set<String> ROLES = Set.of("subject", "victim", "perpetrator", "parent", "mother", "father", "carer", "tenant",
            "sibling", "household_member", "partner", "witness", "professional", "other");

    /** Record types, code names, identifier schemes and source ids are lowercase_snake. */
    public static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9_]*");

    /** Identifier schemes that identify a person on their own when valid. */
    public static final Set<String> STRONG_IDENTIFIERS = Set.of("nhs_number", "upn", "pnc", "source_person_id");
}
