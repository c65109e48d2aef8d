package org.tessera.indexer.synthetic.population;

public enum Tenure {
    OWNER, PRIVATE_RENT, SOCIAL_RENT, TEMPORARY
}
