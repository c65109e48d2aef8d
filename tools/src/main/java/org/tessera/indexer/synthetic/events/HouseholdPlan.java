package org.tessera.indexer.synthetic.events;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tessera.indexer.synthetic.notes.Mention;
import org.tessera.indexer.synthetic.population.Household;
import org.tessera.indexer.synthetic.population.HouseholdRole;
import org.tessera.indexer.synthetic.population.Person;

/**
 * Everything planned for one household: its events (in date order once {@link #sorted()}) and
 * its planted trajectories. Built by the planners for one household on one thread; not shared.
 */
public final class HouseholdPlan {
    private final Household household;
    private final Window window;
    private final List<PlannedEvent> events = new ArrayList<>();
    private final List<Trajectory> trajectories = new ArrayList<>();
    private final java.util.Set<String> attendanceHandled = new java.util.HashSet<>();

    public HouseholdPlan(Household household, Window window) {
        this.household = household;
        this.window = window;
    }

    public Household household() {
        return household;
    }

    public Window window() {
        return window;
    }

    public List<Trajectory> trajectories() {
        return trajectories;
    }

    public void trajectory(Trajectory t) {
        trajectories.add(t);
    }

    /** A trajectory planned this child's attendance itself; background must not add it again. */
    public void handleAttendance(Person child) {
        attendanceHandled.add(child.id());
    }

    public boolean attendanceHandled(Person child) {
        return attendanceHandled.contains(child.id());
    }

    public List<PlannedEvent> sorted() {
        events.sort(Comparator.comparing(PlannedEvent::at));
        return events;
    }

    /** Starts an event; {@link EventDraft#add()} adds it if its date is inside the window. */
    public EventDraft event(EventKind kind, LocalDateTime at, Person subject) {
        return new EventDraft(kind, at, subject);
    }

    /** Adults present in the household on a date, mother figure first. */
    public List<Person> adultsOn(LocalDate d) {
        return household.adults().stream().filter(p -> p.presentOn(d))
                .sorted(Comparator.comparing(p -> p.role().ordinal())).toList();
    }

    public List<Person> childrenOn(LocalDate d) {
        return household.children().stream().filter(p -> p.bornBy(d) && p.presentOn(d)).toList();
    }

    public Person perpetratorOn(LocalDate d) {
        return household.members().stream().filter(p -> p.presentOn(d)
                && (p.role() == HouseholdRole.PARTNER || p.role() == HouseholdRole.FATHER)).findFirst().orElse(null);
    }

    public final class EventDraft {
        private final EventKind kind;
        private final LocalDateTime at;
        private final Person subject;
        private final List<Involved> involved = new ArrayList<>();
        private final List<Mention> mentions = new ArrayList<>();
        private final Map<String, String> attrs = new HashMap<>();
        private String indicator;
        private String trajectoryId;

        private EventDraft(EventKind kind, LocalDateTime at, Person subject) {
            this.kind = kind;
            this.at = at;
            this.subject = subject;
        }

        public EventDraft with(Person p, String role) {
            if (p != null) {
                involved.add(new Involved(p, role));
            }
            return this;
        }

        public EventDraft attr(String key, Object value) {
            attrs.put(key, String.valueOf(value));
            return this;
        }

        public EventDraft indicator(String id) {
            this.indicator = id;
            return this;
        }

        /** The indicator this event is written for, and a sentence saying it. */
        public EventDraft planted(String id) {
            this.indicator = id;
            mentions.add(Mention.affirmed(id));
            return this;
        }

        public EventDraft mention(Mention m) {
            mentions.add(m);
            return this;
        }

        public EventDraft trajectory(String id) {
            this.trajectoryId = id;
            return this;
        }

        public boolean add() {
            if (!window.contains(at.toLocalDate())) {
                return false;
            }
            events.add(new PlannedEvent(kind, at, subject, involved, indicator, mentions, trajectoryId, attrs));
            return true;
        }
    }
}
