package org.tessera.indexer.synthetic.events;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tessera.indexer.synthetic.notes.Mention;
import org.tessera.indexer.synthetic.population.Person;

/**
 * One thing an agency will record. {@code indicatorId} is the indicator this event was written
 * to trigger (null: none); {@code mentions} are sentences its note must contain (the planted
 * one plus any negated or hypothetical distractors); {@code attrs} carry kind-specific values
 * (codes, counts) whose keys are listed in {@link Attr}.
 */
public record PlannedEvent(EventKind kind, LocalDateTime at, Person subject, List<Involved> involved, String indicatorId,
                    List<Mention> mentions, String trajectoryId, Map<String, String> attrs) {
    public PlannedEvent {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(at);
        Objects.requireNonNull(subject);
        involved = List.copyOf(involved);
        mentions = List.copyOf(mentions);
        attrs = Map.copyOf(attrs);
    }

    public String attr(String key) {
        return attrs.getOrDefault(key, "");
    }

    public boolean planted() {
        return trajectoryId != null;
    }

    /** Attribute keys. */
    public static final class Attr {
        public static final String TYPE = "type";
        public static final String DASH = "dash";
        public static final String OUTCOME = "outcome";
        public static final String COMPLAINT = "complaint";
        public static final String SAFEGUARDING = "safeguarding";
        public static final String CONTACT = "contact";
        public static final String ABSENCE = "absence";
        public static final String UNAUTH_SHARE = "unauth_share";
        public static final String HALF_TERM = "half_term";
        public static final String CATEGORY = "category";
        public static final String REASON = "reason";
        public static final String SOURCE = "source";
        public static final String FACTORS = "factors";
        public static final String END = "end";
        public static final String MAPPA = "mappa";
        public static final String FOUND = "found";

        private Attr() {
        }
    }
}
