package org.tessera.indexer.ingest.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.tessera.indexer.linkage.BlockingKeys;
import org.tessera.indexer.linkage.Decisions;
import org.tessera.indexer.linkage.FellegiSunterLinker;
import org.tessera.indexer.linkage.LinkageParameters;
import org.tessera.indexer.linkage.LinkReach;
import org.tessera.indexer.linkage.LinkageResult;
import org.tessera.indexer.linkage.OccurrencePair;
import org.tessera.indexer.linkage.PersonLinker;
import org.tessera.indexer.linkage.PersonOccurrence;

/**
 * Links a delta's (or a compared snapshot's, {@link SnapshotChanges}) occurrences against the persons already stored, re-clustering only around what
 * changed (docs/linkage.md, "Incremental linking"):
 * <ol>
 *   <li>changed: the occurrences of the records the delta added or replaced, and any occurrence
 *       the stored persons do not hold;</li>
 *   <li>free persons, linked again from their occurrences: every stored person a full run could
 *       link with a changed occurrence ({@link LinkReach}: a candidate pair of the refined blocking
 *       that the model weighs where a decision reads it, not everyone sharing a raw key), that
 *       held an occurrence now replaced or withdrawn, or that a recorded decision contradicts;</li>
 *   <li>their households, as context: the persons named beside them in a record and the persons
 *       named beside those (two steps: a parent beside two children, a newborn and its named self
 *       beside one mother), kept whole as stored but free to join others, so the full linker's
 *       household evidence sees what it sees in a full run; and the persons a free person's
 *       records could link with, the contestants a full run's ambiguity checks read;</li>
 *   <li>the whole is linked by the same linker with the parameters the stored persons were linked
 *       with ({@link LinkageParameters}: model, name counts, the age guard's reference year) and the
 *       recorded decisions. A person the run changed (merged, split, grown) changes the households
 *       of those beside it: their neighbourhood (the persons beside, and the persons a full run
 *       could link with those) is added as context and the whole linked again, until nothing
 *       new is reached (at most {@link #ROUNDS} times);</li>
 *   <li>persons in it are replaced by what it gives; everyone else keeps theirs.</li>
 * </ol>
 * Pure (the caller reads the stored assignment and parameters); not thread-safe.
 */
final class IncrementalLinking {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IncrementalLinking.class);

    /** Rounds of widening around changed households at most (a full run's household evidence takes up to three rounds). */
    static final int ROUNDS = 4;

    private IncrementalLinking() {
    }

    /**
     * The part linked again, and what the run learned of it.
     *
     * @param scope          occurrences linked again (changed, free persons' and context persons')
     * @param changed        changed occurrences
     * @param personsInScope stored persons linked again (free and context)
     * @param contextPersons of those, the persons kept whole as household context
     * @param rounds         times the scope was linked (more than one when a change reached further households)
     */
    record Outcome(LinkageResult result, int scope, int changed, int personsInScope, int contextPersons, int rounds) {
    }

    /**
     * @param all            every occurrence of the run (stored and delivered)
     * @param previous       occurrence id to stored person id
     * @param changedEvents  event ids of the records the delta added or replaced
     */
    static Outcome link(List<PersonOccurrence> all, Map<String, String> previous, Set<String> changedEvents,
                        PersonLinker linker, Decisions decisions, LinkageParameters parameters) {
        return link(all, previous, changedEvents, Set.of(), linker, decisions, parameters);
    }

    /**
     * @param all            every occurrence of the run (stored and delivered)
     * @param previous       occurrence id to stored person id
     * @param changedEvents  event ids of the records the delivery added or replaced
     * @param keptAbsent     event ids of stored records the run neither links nor withdraws (a snapshot
     *                       lacks them but its withdrawal is held back): their persons are not freed
     *                       for their absence
     */
    static Outcome link(List<PersonOccurrence> all, Map<String, String> previous, Set<String> changedEvents, Set<String> keptAbsent,
                        PersonLinker linker, Decisions decisions, LinkageParameters parameters) {
        return link(all, previous, changedEvents, keptAbsent, linker, decisions, parameters, null);
    }

    /**
     * Where the stored records sharing a blocking key with what arrived are found: the feed store's
     * keyword field of each record's keys ({@link FeedStore#eventIdsSharing}, ADR 0043), instead of
     * the keys of every stored occurrence made in memory.
     */
    interface KeyedRecords {

        /**
         * Event ids of the stored records with an occurrence holding any of {@code keys}
         * ({@code rule:key}, {@link BlockingKeys#of}); more is allowed (the keys are checked
         * again), fewer is not.
         */
        Set<String> sharing(Set<String> keys);

        /**
         * Of {@code keys} ({@code rule:key}, raw), those the stored records present in the run (not held, not
         * replaced, not withdrawn) hold for more than {@code above} units of a full run, counted by the store
         * without reading the records (ADR 0053): a full run refines them. A lower bound: a key the store cannot
         * count, or counts at or under {@code above}, is not named (its holders are then read, as before). None by
         * default.
         */
        default Set<String> crowded(Set<String> keys, int above) {
            return Set.of();
        }
    }

    /**
     * As {@link #link(List, Map, Set, Set, PersonLinker, Decisions, LinkageParameters)}, with the
     * stored occurrences sharing a key found through {@code storedKeys} (null: from the keys of every
     * stored occurrence, made here). The outcome is the same either way: the keys of the
     * occurrences {@code keyed} names are made here and checked as the full set's are.
     */
    static Outcome link(List<PersonOccurrence> all, Map<String, String> previous, Set<String> changedEvents, Set<String> keptAbsent,
                        PersonLinker linker, Decisions decisions, LinkageParameters parameters, KeyedRecords storedKeys) {
        return link(all, previous, changedEvents, keptAbsent, linker, decisions, parameters, storedKeys, null);
    }

    /**
     * The stored records a run does not hold but links with (ADR 0047): read when the linkage reaches them.
     * With it, {@code all} holds what the run holds (the delivery, the documents, what a held-back snapshot
     * lacks), and every other stored occurrence {@link #stored} names is present with its stored person.
     */
    interface Unread {

        /** Whether the event is of a stored record present in the run that it does not hold (read or not). */
        boolean stored(String eventId);

        /** The occurrences (every slot) of the stored records of {@code eventIds} not read yet, each record read whole into the run. */
        List<PersonOccurrence> read(Collection<String> eventIds);

        /**
         * The occurrences (every slot) of the stored records of {@code eventIds} neither read nor read thus before, read as their
         * persons alone and not taken into the run (ADR 0057): what the reach weighs of a record that shares a key with what it
         * reaches from. A record so read is read whole ({@link #read}) when its person joins the scope. By default the whole read.
         */
        default List<PersonOccurrence> readPersons(Collection<String> eventIds) {
            return read(eventIds);
        }
    }

    /**
     * As {@link #link(List, Map, Set, Set, PersonLinker, Decisions, LinkageParameters, KeyedRecords)}, with
     * the stored records the run does not hold read through {@code unread} as the linkage reaches them (the
     * members of a person it frees or reads as context, the records sharing a key), which needs the keyed
     * store ({@code storedKeys}). The outcome is the same as with every stored record in {@code all}.
     */
    static Outcome link(List<PersonOccurrence> all, Map<String, String> previous, Set<String> changedEvents, Set<String> keptAbsent,
                        PersonLinker linker, Decisions decisions, LinkageParameters parameters, KeyedRecords storedKeys, Unread unread) {
        if (unread != null && storedKeys == null) {
            throw new IllegalArgumentException("stored records are read by reach only through the stored blocking keys");
        }
        Set<String> present = new HashSet<>();
        List<PersonOccurrence> changed = new ArrayList<>();
        List<PersonOccurrence> others = new ArrayList<>();
        Map<String, String> storedPersons = new HashMap<>();
        for (PersonOccurrence o : all) {
            present.add(o.occurrenceId());
            if (changedEvents.contains(o.eventId()) || !previous.containsKey(o.occurrenceId())) {
                changed.add(o);
            } else {
                others.add(o);
                storedPersons.put(o.occurrenceId(), previous.get(o.occurrenceId()));
            }
        }
        long occurrences = all.size();
        if (unread != null) {
            for (Map.Entry<String, String> e : previous.entrySet()) {
                if (!present.contains(e.getKey()) && unread.stored(eventOf(e.getKey()))) {
                    storedPersons.put(e.getKey(), e.getValue());
                    occurrences++;
                }
            }
        }
        // one reach for the run: what it makes of an occurrence (features, keys) serves every later call and the key checks
        LinkReach reach = linker instanceof FellegiSunterLinker fs && parameters != null ? fs.reach(parameters) : null;
        Function<List<PersonOccurrence>, List<Set<String>>> keying = reach != null ? reach::keys : BlockingKeys::of;
        Neighbourhood stored = new Neighbourhood(others, storedPersons, storedKeys, unread, keying);
        // persons whose make-up changes: they held an occurrence now replaced or withdrawn
        Set<String> free = new HashSet<>();
        previous.forEach((occurrence, person) -> {
            String event = eventOf(occurrence);
            if ((!present.contains(occurrence) && !storedPersons.containsKey(occurrence) && !keptAbsent.contains(event))
                    || changedEvents.contains(event)) {
                free.add(person);
            }
        });
        // persons a recorded decision says are wrong as stored: a split inside one, a merge across two
        for (OccurrencePair p : decisions.split()) {
            String a = stored.personOf(p.first());
            if (a != null && a.equals(stored.personOf(p.second()))) {
                free.add(a);
            }
        }
        for (OccurrencePair p : decisions.merge()) {
            String a = stored.personOf(p.first()), b = stored.personOf(p.second());
            if (a != null && b != null && !a.equals(b)) {
                free.add(a);
                free.add(b);
            }
        }
        // persons a full run could link a changed occurrence with: a candidate pair of its refined
        // blocking that the model weighs where a decision reads it (LinkReach), not everyone sharing
        // a raw key (at county scale a common family name or a crowded postcode: a third of the county)
        Set<String> changedKeys = new HashSet<>();
        keying.apply(changed).forEach(changedKeys::addAll);
        free.addAll(stored.reached(changed, changedKeys, changed, reach));
        free.retainAll(stored.persons());

        Set<String> context = stored.beside(free);
        context.addAll(stored.beside(context));
        // the persons a free person's records could link with, as context: a full run reads them as
        // contestants of the free persons' pairs (the ambiguity and uncontested checks), so a merge
        // a full run withholds for them is withheld here too
        if (reach != null && !free.isEmpty()) {
            context.addAll(stored.reached(stored.membersOf(free), stored.keysOf(free), changed, reach));
        }
        context.removeAll(free);
        LinkageResult local;
        int rounds = 0;
        while (true) {
            rounds++;
            List<PersonOccurrence> scope = new ArrayList<>(changed);
            Set<OccurrencePair> merge = new HashSet<>(decisions.merge());
            stored.readMembers(free);
            stored.readMembers(context);
            for (String person : free) {
                scope.addAll(stored.members(person));
            }
            for (String person : context) {
                List<PersonOccurrence> members = stored.members(person);
                scope.addAll(members);
                for (int i = 1; i < members.size(); i++) {
                    merge.add(new OccurrencePair(members.getFirst().occurrenceId(), members.get(i).occurrenceId()));
                }
            }
            Decisions kept = new Decisions(merge, decisions.split());
            local = linker instanceof FellegiSunterLinker fs ? fs.link(scope, kept, parameters) : linker.link(scope, kept);
            Set<String> moved = stored.changedBy(local.personIds());
            LOG.info("Incremental linking round {}: {} occurrences in scope ({} free and {} context persons); {} stored persons changed",
                    rounds, scope.size(), free.size(), context.size(), moved.size());
            if (rounds == ROUNDS || moved.isEmpty()) {
                break;
            }
            // households the run changed: who is named beside a changed person may now be joined,
            // with anyone they share a blocking key with, read in their own households
            Set<String> beside = stored.beside(moved);
            Set<String> widened = new HashSet<>(beside);
            widened.addAll(stored.beside(beside));
            Set<String> keyed = stored.reached(stored.membersOf(beside), stored.keysOf(beside), changed, reach);
            widened.addAll(keyed);
            widened.addAll(stored.beside(keyed));
            widened.removeAll(free);
            int before = context.size();
            if (!context.addAll(widened)) {
                break;
            }
            LOG.info("Incremental linking round {} widens the context by {} persons ({} beside the changed ones, {} could link with those)",
                    rounds, context.size() - before, beside.size(), keyed.size());
        }
        Map<String, String> personIds = new HashMap<>(storedPersons);
        personIds.putAll(local.personIds());
        LinkageResult.Stats s = local.stats();
        int distinct = new HashSet<>(personIds.values()).size();
        LinkageResult.Stats stats = new LinkageResult.Stats((int) occurrences, s.distinct(), distinct, s.candidatePairs(), s.skippedBlocks(),
                s.strongLinks(), s.modelLinks(), s.guardedPairs(), s.millis());
        return new Outcome(new LinkageResult(personIds, local.reviewPairs(), local.model(), stats, parameters), s.occurrences(),
                changed.size(), free.size() + context.size(), context.size(), rounds);
    }

    /**
     * The stored persons as the delta finds them: their unchanged occurrences, who is named beside
     * whom in a record (not professionals, not past {@link FellegiSunterLinker#MAX_BESIDE}, as the
     * linker's household evidence reads it), and the blocking keys of each occurrence. With stored
     * records the run does not hold ({@link Unread}), a person's members are read when it is first asked
     * for, and the records sharing a key when the keyed store names them: the first whole, the others as their
     * persons alone ({@link Unread#readPersons}, ADR 0057), read whole once their person joins the scope; every slot of
     * a record either way, so that who is named beside whom in it is whole.
     */
    private static final class Neighbourhood {
        /** Every present unchanged stored occurrence, held or not, to its stored person. */
        private final Map<String, String> personOf;
        /** Each stored person's present unchanged occurrences, held or not. */
        private final Map<String, List<String>> memberIds = new HashMap<>();
        /** The occurrences held (in the run's hands, or read), by id. */
        private final Map<String, PersonOccurrence> held = new HashMap<>();
        private final Map<String, List<String>> eventPersons = new HashMap<>();
        private final List<PersonOccurrence> occurrences = new ArrayList<>();
        /**
         * Each occurrence's keys, by its place in {@link #occurrences}; made when first asked for (all at once without a keyed store).
         * An array of the run's one copy of each key ({@link #canonical}): at county size the reach holds ~2 M occurrences of ~10
         * keys each, shared by dozens of holders, and a set of fresh strings each was the largest part of an 8 GB heap (session 20).
         */
        private final List<String[]> keys = new ArrayList<>();
        /** The run's one copy of each key made ({@link #keys}, {@link #placesByKey}). */
        private final Map<String, String> canonical = new HashMap<>();
        private final Map<String, Integer> placeOf = new HashMap<>();
        private final Map<String, List<Integer>> placesOfEvent = new HashMap<>();
        /** Events held as their persons alone ({@link Unread#readPersons}): read whole when a person in scope holds them. */
        private final Set<String> personsOnly = new HashSet<>();
        /**
         * The keys the keyed store was asked for in this run (raw keys, and refinements of crowded ones, ADR 0053): every
         * stored holder of one is held and keyed since, so a later step finds them in {@link #placesByKey} (ADR 0057).
         */
        private final Set<String> asked = new HashSet<>();
        /** Whether the keyed store counted a raw key crowded, for each key it was asked to count in this run. */
        private final Map<String, Boolean> crowdedKnown = new HashMap<>();
        /** The places of the held occurrences whose keys are made, by raw key. */
        private final Map<String, List<Integer>> placesByKey = new HashMap<>();
        private final KeyedRecords keyed;
        private final Unread unread;
        /** The blocking keys of occurrences ({@link BlockingKeys#of}, or the run's reach's, made once with its features). */
        private final Function<List<PersonOccurrence>, List<Set<String>>> keying;

        /**
         * @param others        the stored occurrences the run holds, unchanged
         * @param storedPersons every present unchanged stored occurrence (those of {@code others}, and with
         *                      {@code unread} those it names) to its stored person
         */
        Neighbourhood(List<PersonOccurrence> others, Map<String, String> storedPersons, KeyedRecords keyed, Unread unread,
                      Function<List<PersonOccurrence>, List<Set<String>>> keying) {
            this.personOf = storedPersons;
            this.keyed = keyed;
            this.unread = unread;
            this.keying = keying;
            for (PersonOccurrence o : others) {
                hold(o);
                memberIds.computeIfAbsent(personOf.get(o.occurrenceId()), k -> new ArrayList<>()).add(o.occurrenceId());
            }
            if (unread != null) {
                storedPersons.forEach((occurrence, person) -> {
                    if (!held.containsKey(occurrence)) {
                        memberIds.computeIfAbsent(person, k -> new ArrayList<>()).add(occurrence);
                    }
                });
            }
            if (keyed == null) {
                List<Set<String>> all = BlockingKeys.of(occurrences);
                for (int i = 0; i < all.size(); i++) {
                    keys.set(i, compact(all.get(i)));
                }
            }
        }

        /** Takes a stored occurrence into hand (once). */
        private void hold(PersonOccurrence o) {
            if (held.putIfAbsent(o.occurrenceId(), o) != null) {
                return;
            }
            int place = occurrences.size();
            occurrences.add(o);
            keys.add(null);
            placeOf.put(o.occurrenceId(), place);
            if (FellegiSunterLinker.inHousehold(o)) {
                eventPersons.computeIfAbsent(o.eventId(), k -> new ArrayList<>()).add(personOf.get(o.occurrenceId()));
            }
            if (keyed != null) {
                placesOfEvent.computeIfAbsent(o.eventId(), k -> new ArrayList<>()).add(place);
            }
        }

        /** Reads the stored records of {@code events} whole, and holds their stored occurrences not held yet. */
        private void read(Collection<String> events) {
            if (unread == null || events.isEmpty()) {
                return;
            }
            for (PersonOccurrence o : unread.read(events)) {
                if (personOf.containsKey(o.occurrenceId())) {
                    hold(o);
                }
            }
            personsOnly.removeAll(events);
        }

        /** Reads the stored records of {@code events} the run does not hold yet as their persons alone, and holds their stored occurrences. */
        private void readPersons(Collection<String> events) {
            if (unread == null || events.isEmpty()) {
                return;
            }
            for (PersonOccurrence o : unread.readPersons(events)) {
                if (personOf.containsKey(o.occurrenceId()) && !held.containsKey(o.occurrenceId())) {
                    hold(o);
                    personsOnly.add(o.eventId());
                }
            }
        }

        /** The keys of the occurrences at {@code places}, made once for those not yet keyed. */
        private void makeKeys(Collection<Integer> places) {
            List<Integer> missing = places.stream().filter(i -> keys.get(i) == null).distinct().toList();
            if (missing.isEmpty()) {
                return;
            }
            List<Set<String>> made = keying.apply(missing.stream().map(occurrences::get).toList());
            for (int m = 0; m < missing.size(); m++) {
                String[] kept = compact(made.get(m));
                keys.set(missing.get(m), kept);
                for (String key : kept) {
                    placesByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(missing.get(m));
                }
            }
        }

        /** An occurrence's keys as the run's one copy of each. */
        private String[] compact(Set<String> made) {
            String[] out = new String[made.size()];
            int k = 0;
            for (String key : made) {
                String kept = canonical.putIfAbsent(key, key);
                out[k++] = kept == null ? key : kept;
            }
            return out;
        }

        Set<String> persons() {
            return memberIds.keySet();
        }

        String personOf(String occurrenceId) {
            return personOf.get(occurrenceId);
        }

        /**
         * Reads, in one go, the stored records of the members of {@code persons} the run does not hold yet, and
         * reads whole those it holds as their persons alone: the persons' records join the run.
         */
        void readMembers(Collection<String> persons) {
            if (unread == null) {
                return;
            }
            Set<String> events = new HashSet<>();
            for (String person : persons) {
                for (String id : memberIds.getOrDefault(person, List.of())) {
                    if (!held.containsKey(id) || personsOnly.contains(eventOf(id))) {
                        events.add(eventOf(id));
                    }
                }
            }
            read(events);
        }

        List<PersonOccurrence> members(String person) {
            List<String> ids = memberIds.getOrDefault(person, List.of());
            readMembers(List.of(person));
            List<PersonOccurrence> out = new ArrayList<>(ids.size());
            for (String id : ids) {
                PersonOccurrence o = held.get(id);
                if (o != null) {
                    out.add(o);
                }
            }
            return out;
        }

        /** Persons named beside any of {@code persons} in a record. */
        Set<String> beside(Set<String> persons) {
            readMembers(persons);
            Set<String> out = new HashSet<>();
            for (String person : persons) {
                Set<String> mates = new HashSet<>();
                for (PersonOccurrence o : members(person)) {
                    if (!FellegiSunterLinker.inHousehold(o)) {
                        continue;
                    }
                    for (String mate : eventPersons.getOrDefault(o.eventId(), List.of())) {
                        if (!mate.equals(person)) {
                            mates.add(mate);
                        }
                    }
                }
                if (mates.size() <= FellegiSunterLinker.MAX_BESIDE) {
                    out.addAll(mates);
                }
            }
            return out;
        }

        /** Blocking keys of the occurrences of {@code persons}. */
        Set<String> keysOf(Set<String> persons) {
            readMembers(persons);
            List<Integer> places = new ArrayList<>();
            for (String person : persons) {
                for (PersonOccurrence o : members(person)) {
                    places.add(placeOf.get(o.occurrenceId()));
                }
            }
            makeKeys(places);
            Set<String> out = new HashSet<>();
            places.forEach(i -> out.addAll(Arrays.asList(keys.get(i))));
            return out;
        }

        /** The occurrences of {@code persons}. */
        List<PersonOccurrence> membersOf(Set<String> persons) {
            List<PersonOccurrence> out = new ArrayList<>();
            persons.forEach(p -> out.addAll(members(p)));
            return out;
        }

        /**
         * Persons a full run could link with one of {@code from} (whose keys are {@code fromKeys}):
         * of the stored occurrences sharing one of those keys, those {@code reach} finds linkable,
         * with the block sizes counted over them and {@code changed}; every one sharing a key
         * when {@code reach} is null (a linker without a reach).
         */
        Set<String> reached(List<PersonOccurrence> from, Set<String> fromKeys, List<PersonOccurrence> changed, LinkReach reach) {
            long start = System.nanoTime();
            // keys a full run refines, as the store counts their units (ADR 0053): their holders are asked for by the
            // refinements of `from`, not all read
            Set<String> crowded = keyed == null || reach == null || unread == null || fromKeys.isEmpty() ? Set.of()
                    : crowded(fromKeys, reach.refineAbove());
            List<Integer> places = sharing(fromKeys, crowded.isEmpty() ? Set.of() : reach.refinedKeys(from, crowded), crowded);
            Set<String> out = new HashSet<>();
            if (reach == null) {
                places.forEach(i -> out.add(personOf.get(occurrences.get(i).occurrenceId())));
                return out;
            }
            List<PersonOccurrence> candidates = places.stream().map(occurrences::get).toList();
            long weigh = System.nanoTime();
            Set<String> linkable = reach.linkable(from, candidates, changed, crowded);
            for (String occurrence : linkable) {
                out.add(personOf.get(occurrence));
            }
            LOG.info("Incremental linking reach: {} occurrences, {} keys ({} crowded: asked by their refinements); {} stored occurrences "
                            + "read share a key with them, {} could link ({} persons; {} ms, of it weighing {} ms)",
                    from.size(), fromKeys.size(), crowded.size(), candidates.size(), linkable.size(), out.size(),
                    (System.nanoTime() - start) / 1_000_000, (System.nanoTime() - weigh) / 1_000_000);
            return out;
        }

        /**
         * Of {@code keys}, those the keyed store counts crowded ({@link KeyedRecords#crowded}): asked once a run for each key
         * (the store does not change while the run links), kept for the run's later steps (ADR 0057).
         */
        private Set<String> crowded(Set<String> keys, int above) {
            Set<String> unknown = new HashSet<>();
            for (String key : keys) {
                if (!crowdedKnown.containsKey(key)) {
                    unknown.add(key);
                }
            }
            if (!unknown.isEmpty()) {
                Set<String> counted = keyed.crowded(unknown, above);
                unknown.forEach(key -> crowdedKnown.put(key, counted.contains(key)));
            }
            Set<String> out = new HashSet<>();
            keys.forEach(key -> {
                if (crowdedKnown.get(key)) {
                    out.add(key);
                }
            });
            return out;
        }

        /**
         * Places of the occurrences that have one of {@code wanted}'s blocking keys: over every
         * stored occurrence's keys, or over the held occurrences of the records the keyed store named
         * in this run (asked for {@code wanted} less {@code crowded}, and for {@code refined}: the holders
         * of a crowded key that share one of its refinements with what is reached from). A key asked once
         * is not asked again: its holders were read and keyed when it was (ADR 0057). The places of a
         * crowded key may then include holders named for another step's refinements; none of them shares
         * a refinement with {@code from} that was not asked, so the reach finds none of them linkable
         * through that key, and through another key they are holders the store names anyway.
         */
        private List<Integer> sharing(Set<String> wanted, Set<String> refined, Set<String> crowded) {
            List<Integer> out = new ArrayList<>();
            if (keyed == null) {
                for (int i = 0; i < occurrences.size(); i++) {
                    for (String key : keys.get(i)) {
                        if (wanted.contains(key)) {
                            out.add(i);
                            break;
                        }
                    }
                }
                return out;
            }
            if (wanted.isEmpty()) {
                return out;
            }
            Set<String> ask = new HashSet<>(wanted);
            ask.removeAll(crowded);
            ask.addAll(refined);
            ask.removeAll(asked);
            if (!ask.isEmpty()) {
                Set<String> sharing = keyed.sharing(ask);
                readPersons(sharing.stream().filter(event -> !placesOfEvent.containsKey(event)).toList());
                List<Integer> named = new ArrayList<>();
                for (String event : sharing) {
                    named.addAll(placesOfEvent.getOrDefault(event, List.of()));
                }
                makeKeys(named);
                asked.addAll(ask);
            }
            Set<Integer> found = new LinkedHashSet<>();
            for (String key : wanted) {
                found.addAll(placesByKey.getOrDefault(key, List.of()));
            }
            out.addAll(found);
            return out;
        }

        /**
         * Stored persons whose make-up a local result changed: split, merged with another or
         * joined by a changed occurrence.
         */
        Set<String> changedBy(Map<String, String> local) {
            Map<String, Set<String>> storedOfLocal = new HashMap<>();
            Map<String, Set<String>> localOfStored = new HashMap<>();
            local.forEach((occurrence, person) -> {
                String was = personOf.get(occurrence);
                storedOfLocal.computeIfAbsent(person, k -> new HashSet<>()).add(was == null ? "" : was);
                if (was != null) {
                    localOfStored.computeIfAbsent(was, k -> new HashSet<>()).add(person);
                }
            });
            Set<String> out = new HashSet<>();
            localOfStored.forEach((was, now) -> {
                if (now.size() > 1) {
                    out.add(was);
                }
            });
            storedOfLocal.forEach((now, were) -> {
                if (were.size() > 1) {
                    were.stream().filter(w -> !w.isEmpty()).forEach(out::add);
                }
            });
            return out;
        }
    }

    /**
     * Persons whose events may be built differently from their stored versions after an
     * incremental run: a person whose members (occurrence ids) differ from the stored person of the
     * same id, and a person holding an occurrence of a changed record (its birth date and address
     * timeline are read from its members). Everyone else is as stored, id, members and the records
     * behind them (ADR 0029). A person that lost a member the run does not link (a record a held-back
     * snapshot lacks) is unsettled too: its events are compared whole, as before.
     *
     * @param previous      occurrence id to stored person id
     * @param now           occurrence id to person id after the run
     * @param changedEvents event ids of the records the delivery added or replaced
     */
    static Set<String> unsettled(Map<String, String> previous, Map<String, String> now, Set<String> changedEvents) {
        Map<String, Set<String>> membersBefore = new HashMap<>();
        previous.forEach((o, p) -> membersBefore.computeIfAbsent(p, k -> new HashSet<>()).add(o));
        Map<String, Set<String>> membersNow = new HashMap<>();
        now.forEach((o, p) -> membersNow.computeIfAbsent(p, k -> new HashSet<>()).add(o));
        Set<String> out = new HashSet<>();
        membersNow.forEach((person, members) -> {
            if (!members.equals(membersBefore.get(person))) {
                out.add(person);
            }
        });
        now.forEach((o, p) -> {
            if (changedEvents.contains(eventOf(o))) {
                out.add(p);
            }
        });
        return out;
    }

    /** The event id of an occurrence id ({@code eventId-pSLOT}). */
    static String eventOf(String occurrenceId) {
        return occurrenceId.substring(0, occurrenceId.lastIndexOf("-p"));
    }

    /**
     * Occurrences of {@code after} whose person moved since {@code before}: an occurrence moved when
     * its person's members changed (or it is new), not when only the person's id did.
     */
    static long moved(Map<String, String> before, Map<String, String> after) {
        Map<String, Set<String>> membersBefore = new HashMap<>();
        before.forEach((o, p) -> membersBefore.computeIfAbsent(p, k -> new HashSet<>()).add(o));
        Map<String, Set<String>> membersAfter = new HashMap<>();
        after.forEach((o, p) -> membersAfter.computeIfAbsent(p, k -> new HashSet<>()).add(o));
        long moved = 0;
        for (Map.Entry<String, String> e : after.entrySet()) {
            String previous = before.get(e.getKey());
            if (previous == null || !membersBefore.get(previous).equals(membersAfter.get(e.getValue()))) {
                moved++;
            }
        }
        return moved;
    }

    /** Pairwise precision and recall of a clustering against a reference, over the occurrences both hold. */
    static double[] pairwise(Map<String, String> clustering, Map<String, String> reference) {
        Map<String, Long> cells = new HashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        Map<String, Long> referenceSizes = new HashMap<>();
        reference.forEach((occurrence, ref) -> {
            String person = clustering.get(occurrence);
            if (person != null) {
                cells.merge(person + "|" + ref, 1L, Long::sum);
                sizes.merge(person, 1L, Long::sum);
                referenceSizes.merge(ref, 1L, Long::sum);
            }
        });
        double both = pairs(cells), found = pairs(sizes), truth = pairs(referenceSizes);
        return new double[] {found == 0 ? 1 : both / found, truth == 0 ? 1 : both / truth};
    }

    private static double pairs(Map<String, Long> sizes) {
        return sizes.values().stream().mapToDouble(n -> n * (n - 1) / 2.0).sum();
    }
}
