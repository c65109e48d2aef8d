package org.tessera.indexer.synthetic.events;

import java.time.LocalDate;
import org.tessera.indexer.synthetic.population.Person;

/** One child's planted trajectory; several children of a household may share one id. */
public record Trajectory(String id, TrajectoryKind kind, String theme, Person child, LocalDate start, LocalDate end) {
}
