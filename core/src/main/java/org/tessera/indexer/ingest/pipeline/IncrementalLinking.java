package org.tessera.indexer.ingest.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tessera.indexer.linkage.Decisions;
import org.tessera.indexer.linkage.FellegiSunterLinker;
import org.tessera.indexer.linkage.LinkageParameters;
import org.tessera.indexer.linkage.LinkageResult;
import org.tessera.indexer.linkage.PersonLinker;
import org.tessera.indexer.linkage.PersonOccurrence;

/**
 * Links a delta's occurrences against the persons already stored, re-clustering only around what
 * changed (docs/linkage.md, "Incremental linking"):
 * <ol>
 *   <li>changed: the occurrences of the records the delta added or replaced, and any occurrence
 *       the stored persons do not hold;</li>
 *   <li>the scope: every occurrence of each stored person that shares a blocking key with a
 *       changed occurrence (the persons a full run could compare it with), or that held an
 *       occurrence now replaced or withdrawn, plus the changed occurrences;</li>
 *   <li>the scope is linked by the same linker with the parameters the stored persons were linked
 *       with ({@link LinkageParameters}) and the recorded decisions; merges and splits inside it
 *       replace the stored persons, everyone else keeps theirs.</li>
 * </ol>
 * Pure (the caller reads the stored assignment and parameters); not thread-safe.
 */
final class IncrementalLinking {

    private IncrementalLinking() {
    }

    /** The scope linked again, and what the run learned of it. */
    record Outcome(LinkageResult result, int scope, int changed, int personsInScope) {
    }

    /**
     * @param all            every occurrence of the run (stored and delivered)
     * @param previous       occurrence id to stored person id
     * @param changedEvents  event ids of the records the delta added or replaced
     */
    static Outcome link(List<PersonOccurrence> all, Map<String, String> previous, Set<String> changedEvents,
                        PersonLinker linker, Decisions decisions, LinkageParameters parameters) {
        Set<String> present = new HashSet<>();
        List<PersonOccurrence> changed = new ArrayList<>();
        List<PersonOccurrence> others = new ArrayList<>();
        for (PersonOccurrence o : all) {
            present.add(o.occurrenceId());
            if (changedEvents.contains(o.eventId()) || !previous.containsKey(o.occurrenceId())) {
                changed.add(o);
            } else {
                others.add(o);
            }
        }
        // persons whose make-up changes: they held an occurrence now replaced or withdrawn
        Set<String> persons = new HashSet<>();
        previous.forEach((occurrence, person) -> {
            if (!present.contains(occurrence) || changedEvents.contains(eventOf(occurrence))) {
                persons.add(person);
            }
        });
        // persons a full run could compare a changed occurrence with
        Set<String> changedKeys = new HashSet<>();
        FellegiSunterLinker.blockingKeys(changed).forEach(changedKeys::addAll);
        List<Set<String>> otherKeys = FellegiSunterLinker.blockingKeys(others);
        for (int i = 0; i < others.size(); i++) {
            for (String key : otherKeys.get(i)) {
                if (changedKeys.contains(key)) {
                    persons.add(previous.get(others.get(i).occurrenceId()));
                    break;
                }
            }
        }
        List<PersonOccurrence> scope = new ArrayList<>(changed);
        for (PersonOccurrence o : others) {
            if (persons.contains(previous.get(o.occurrenceId()))) {
                scope.add(o);
            }
        }
        LinkageResult local = linker instanceof FellegiSunterLinker fs ? fs.link(scope, decisions, parameters)
                : linker.link(scope, decisions);
        Map<String, String> personIds = new HashMap<>();
        for (PersonOccurrence o : others) {
            personIds.put(o.occurrenceId(), previous.get(o.occurrenceId()));
        }
        personIds.putAll(local.personIds());
        LinkageResult.Stats s = local.stats();
        int distinct = new HashSet<>(personIds.values()).size();
        LinkageResult.Stats stats = new LinkageResult.Stats(all.size(), s.distinct(), distinct, s.candidatePairs(), s.skippedBlocks(),
                s.strongLinks(), s.modelLinks(), s.guardedPairs(), s.millis());
        return new Outcome(new LinkageResult(personIds, local.reviewPairs(), local.model(), stats, parameters), scope.size(),
                changed.size(), persons.size());
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
