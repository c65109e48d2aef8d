package org.tessera.indexer.synthetic.population;

/** A person's place in the household, which decides how agencies see them (parent, partner, child). */
public enum HouseholdRole {
    MOTHER, FATHER, PARTNER, GRANDPARENT, CHILD
}
