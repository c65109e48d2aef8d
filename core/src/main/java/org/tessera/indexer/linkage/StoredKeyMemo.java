package org.tessera.indexer.linkage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link BlockingKeys#storedOf} for one record after another, remembering the keys of the last
 * {@value #IDENTITIES} distinct raw identities ({@link FellegiSunterLinker.RawIdentity}) that a full
 * run collapses into one unit ({@link Features#collapsible}). An occurrence's raw keys, refinements and
 * unit are made of its raw identity's fields alone (why the linker keys a unit once), and a source
 * repeats an identity record after record (a pupil's attendance returns, a patient's appointments,
 * written one household at a time), which the feed store keyed anew for every record. An occurrence
 * that is its own unit is keyed as before. The same {@link BlockingKeys.Stored} as {@code storedOf}
 * of the whole record (StoredKeyMemoTest). Not thread-safe: one per writing thread.
 */
public final class StoredKeyMemo {

    /** Identities remembered; the least recently used is forgotten first. */
    static final int IDENTITIES = 4096;

    private final Map<FellegiSunterLinker.RawIdentity, BlockingKeys.Unit> recent = new LinkedHashMap<>(IDENTITIES * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FellegiSunterLinker.RawIdentity, BlockingKeys.Unit> eldest) {
            return size() > IDENTITIES;
        }
    };
    private long hits;
    private long misses;

    /** {@link BlockingKeys#storedOf} of these occurrences (one record's). */
    public BlockingKeys.Stored of(List<PersonOccurrence> occurrences) {
        List<BlockingKeys.Unit> units = new ArrayList<>(occurrences.size());
        for (PersonOccurrence o : occurrences) {
            FellegiSunterLinker.RawIdentity identity = FellegiSunterLinker.RawIdentity.of(o);
            BlockingKeys.Unit unit = recent.get(identity);
            if (unit == null) {
                misses++;
                unit = BlockingKeys.storedOf(List.of(o)).units().getFirst();
                if (Features.collapsible(o)) {
                    recent.put(identity, unit);
                }
            } else {
                hits++;
            }
            units.add(unit);
        }
        return new BlockingKeys.Stored(List.copyOf(units));
    }

    /** Occurrences keyed from a remembered identity. */
    public long hits() {
        return hits;
    }

    /** Occurrences keyed anew. */
    public long misses() {
        return misses;
    }
}
