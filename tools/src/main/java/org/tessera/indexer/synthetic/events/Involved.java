package org.tessera.indexer.synthetic.events;

import org.tessera.indexer.synthetic.population.Person;

/** A person involved in an event, with a canonical role (victim, perpetrator, subject, ...). */
public record Involved(Person person, String role) {
}
