package org.tessera.indexer.scoring;

import org.tessera.indexer.households.HouseholdTimeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tessera.indexer.events.Event;

/**
 * The scorer's view of the events a full ingest writes, kept in memory as they go by, so that
 * the ingest's closing rescore need not read the whole {@code events} index back (on a county
 * that read was a third of the run). It holds every event with hits, and for every person only
 * where and when they were recorded (a few bytes per record). Its histories equal
 * {@link ChildHistoryLoader}'s for the same events, which is only the case when the index holds
 * exactly the recorded events: the ingest checks that before it uses a ledger.
 *
 * <p>{@link #record} is called by one thread at a time while events are written; once a history
 * or a reach is asked for, the ledger is frozen and recording again needs {@link #clear()}.
 * Reading is thread-safe.
 */
public final class EventLedger implements ChildHistories {

    private static final long CHILD_FLAG = 1L << 31;
    private static final long HOUSEHOLD_MASK = CHILD_FLAG - 1;

    private final ScoringParameters parameters;
    private final Map<String, RiskEvent> eventsWithHits = new HashMap<>();
    private final Map<String, Integer> householdNumbers = new HashMap<>();
    private final List<String> households = new ArrayList<>();
    /** Per person, one packed long per record of them: day, whether a child on it, household number + 1 (0: none). */
    private final Map<String, Sightings> sightings = new HashMap<>();
    private volatile Frozen frozen;

    public EventLedger(ScoringParameters parameters) {
        this.parameters = parameters;
    }

    /** Notes one event document as read back or written ({@link Event#fromDocument}). */
    public void record(JsonNode eventDocument) {
        record(Event.fromDocument(eventDocument));
    }

    /** {@link #recordHits(Event)} of a document as stored. */
    public void recordHits(JsonNode eventDocument) {
        recordHits(Event.fromDocument(eventDocument));
    }

    /** Notes one event as written (with its hits); documents without an id or a readable date are left out, as the loader leaves them out. */
    public synchronized void record(Event eventDocument) {
        if (frozen != null) {
            throw new IllegalStateException("the ledger has been read; clear it before recording a new run");
        }
        var parsed = EventDocuments.of(eventDocument, null);
        if (parsed.isEmpty()) {
            return;
        }
        RiskEvent event = parsed.get();
        long day = event.date().toEpochDay();
        for (RiskEvent.Participant p : event.people()) {
            long household = p.householdId() == null ? 0 : householdNumber(p.householdId()) + 1L;
            long packed = (day << 32) | (p.child() ? CHILD_FLAG : 0) | household;
            sightings.computeIfAbsent(p.personId(), id -> new Sightings()).add(packed);
        }
        if (!event.hits().isEmpty()) {
            eventsWithHits.put(event.eventId(), event);
        }
    }

    /**
     * Notes the hits a first load gave an event after it was written (the document as stored,
     * with its hits): the event was recorded before, with other hits or none.
     */
    public synchronized void recordHits(Event eventDocument) {
        if (frozen != null) {
            throw new IllegalStateException("the ledger has been read; clear it before recording a new run");
        }
        EventDocuments.of(eventDocument, null).ifPresent(event -> {
            if (event.hits().isEmpty()) {
                eventsWithHits.remove(event.eventId());
            } else {
                eventsWithHits.put(event.eventId(), event);
            }
        });
    }

    /** Forgets everything recorded, ready for the next run. */
    public synchronized void clear() {
        eventsWithHits.clear();
        householdNumbers.clear();
        households.clear();
        sightings.clear();
        frozen = null;
    }

    public synchronized int eventsWithHits() {
        return eventsWithHits.size();
    }

    private int householdNumber(String householdId) {
        return householdNumbers.computeIfAbsent(householdId, id -> {
            households.add(id);
            return households.size() - 1;
        });
    }

    @Override
    public Map<String, ChildHistory> load(Collection<String> childIds, LocalDate asOf) {
        Frozen view = frozen();
        Map<String, ChildHistory> histories = new LinkedHashMap<>();
        for (String child : new LinkedHashSet<>(childIds)) {
            histories.put(child, view.history(child, asOf));
        }
        return histories;
    }

    @Override
    public Set<String> childrenReachedBetween(LocalDate from, LocalDate to) {
        Frozen view = frozen();
        Set<String> children = new LinkedHashSet<>();
        Set<Integer> reachedHouseholds = new HashSet<>();
        for (RiskEvent event : view.eventsWithHits) {
            if ((from != null && event.date().isBefore(from)) || event.date().isAfter(to)) {
                continue;
            }
            for (RiskEvent.Participant p : event.people()) {
                if (p.child()) {
                    children.add(p.personId());
                }
                if (p.householdId() != null) {
                    reachedHouseholds.add(householdNumbers.get(p.householdId()));
                }
            }
        }
        addChildrenSeenIn(view.sightings, reachedHouseholds, to, children);
        return children;
    }

    /**
     * Children recorded (on any recorded event up to {@code to}) in one of the given households.
     */
    @Override
    public Set<String> childrenOfHouseholds(Collection<String> householdIds, LocalDate to) {
        frozen();
        Set<Integer> wanted = new HashSet<>();
        for (String household : householdIds) {
            Integer number = householdNumbers.get(household);
            if (number != null) {
                wanted.add(number);
            }
        }
        Set<String> children = new LinkedHashSet<>();
        if (wanted.isEmpty()) {
            return children;
        }
        addChildrenSeenIn(sightings, wanted, to, children);
        return children;
    }

    /** Adds to {@code children} every person seen as a child, up to {@code to}, in one of the {@code households} (by number). */
    private static void addChildrenSeenIn(Map<String, Sightings> sightings, Set<Integer> households, LocalDate to, Set<String> children) {
        long last = to.toEpochDay();
        sightings.forEach((person, seen) -> {
            for (int i = 0; i < seen.size; i++) {
                long packed = seen.values[i];
                if ((packed & CHILD_FLAG) != 0 && day(packed) <= last && households.contains(household(packed))) {
                    children.add(person);
                    return;
                }
            }
        });
    }

    /** Whether the person was recorded as a child on any recorded event. */
    public boolean everChild(String personId) {
        frozen();
        Sightings seen = sightings.get(personId);
        if (seen != null) {
            for (int i = 0; i < seen.size; i++) {
                if ((seen.values[i] & CHILD_FLAG) != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private Frozen frozen() {
        Frozen view = frozen;
        if (view == null) {
            synchronized (this) {
                if (frozen == null) {
                    frozen = new Frozen();
                }
                view = frozen;
            }
        }
        return view;
    }

    private static long day(long packed) {
        return packed >> 32;
    }

    /** The household number, or -1 when the record had none. */
    private static int household(long packed) {
        return (int) (packed & HOUSEHOLD_MASK) - 1;
    }

    /** Lookups built once from what was recorded. */
    private final class Frozen {
        final List<RiskEvent> eventsWithHits = List.copyOf(EventLedger.this.eventsWithHits.values());
        final Map<String, Sightings> sightings = EventLedger.this.sightings;
        final Map<String, List<RiskEvent>> byPerson = new HashMap<>();
        final Map<Integer, List<RiskEvent>> byHousehold = new HashMap<>();

        Frozen() {
            // In history order, so that a child's history is a merge of a few sorted runs.
            List<RiskEvent> inOrder = new ArrayList<>(eventsWithHits);
            inOrder.sort(ChildHistory.ORDER);
            for (RiskEvent event : inOrder) {
                Set<Integer> seenHouseholds = new HashSet<>();
                Set<String> seenPeople = new HashSet<>();
                for (RiskEvent.Participant p : event.people()) {
                    if (seenPeople.add(p.personId())) {
                        byPerson.computeIfAbsent(p.personId(), id -> new ArrayList<>()).add(event);
                    }
                    if (p.householdId() != null) {
                        int number = householdNumbers.get(p.householdId());
                        if (seenHouseholds.add(number)) {
                            byHousehold.computeIfAbsent(number, n -> new ArrayList<>()).add(event);
                        }
                    }
                }
            }
        }

        ChildHistory history(String child, LocalDate asOf) {
            Sightings seen = sightings.get(child);
            long last = asOf.toEpochDay();
            List<HouseholdTimeline.Sighting> timeline = new ArrayList<>();
            Set<Integer> livedIn = new LinkedHashSet<>();
            if (seen != null) {
                for (int i = 0; i < seen.size; i++) {
                    long packed = seen.values[i];
                    int household = household(packed);
                    if (day(packed) <= last && household >= 0) {
                        livedIn.add(household);
                        timeline.add(new HouseholdTimeline.Sighting(LocalDate.ofEpochDay(day(packed)), households.get(household)));
                    }
                }
            }
            // The child's events and its households' events, each run already in history order:
            // sorted together (a merge of the runs) with repeats side by side, kept once.
            List<RiskEvent> events = new ArrayList<>();
            addUpTo(byPerson.getOrDefault(child, List.of()), asOf, events);
            for (int household : livedIn) {
                addUpTo(byHousehold.getOrDefault(household, List.of()), asOf, events);
            }
            events.sort(ChildHistory.ORDER);
            List<RiskEvent> unique = new ArrayList<>(events.size());
            for (RiskEvent event : events) {
                if (unique.isEmpty() || !unique.getLast().eventId().equals(event.eventId())) {
                    unique.add(event);
                }
            }
            return new ChildHistory(child, unique, HouseholdTimeline.fromSightings(timeline, parameters.householdBackfillDays()));
        }

        /** Adds the events of a run in history order dated up to {@code asOf}. */
        private static void addUpTo(List<RiskEvent> run, LocalDate asOf, List<RiskEvent> into) {
            for (RiskEvent event : run) {
                if (event.date().isAfter(asOf)) {
                    return;
                }
                into.add(event);
            }
        }
    }

    /** A growable array of packed sightings (a boxed list would cost several times the memory on a county). */
    private static final class Sightings {
        long[] values = new long[4];
        int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }
    }
}
