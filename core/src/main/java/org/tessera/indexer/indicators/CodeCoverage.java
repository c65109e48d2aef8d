package org.tessera.indexer.indicators;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tessera.indexer.ingest.SourceMapping;

/**
 * Which {@code codes.*} fields the catalogue's queries read and which the source mappings write
 * ({@code tessera indicators check}): an indicator reading a code no mapping writes cannot fire from
 * the shipped layouts, and a code written but never read feeds no indicator. The catalogue-wide view;
 * {@code sources check} shows the same per mapping ({@code IndicatorFeed}). Pure.
 *
 * @param reads  per indicator id, the code fields its query reads
 * @param writes per code field, the sources whose mapping writes it
 */
public record CodeCoverage(Map<String, Set<String>> reads, Map<String, Set<String>> writes) {

    public CodeCoverage {
        reads = java.util.Collections.unmodifiableMap(new TreeMap<>(reads));
        writes = java.util.Collections.unmodifiableMap(new TreeMap<>(writes));
    }

    public static CodeCoverage of(IndicatorCatalogue catalogue, List<SourceMapping> mappings) {
        Map<String, Set<String>> reads = new TreeMap<>();
        for (Indicator indicator : catalogue.all()) {
            if (indicator.query() == null) {
                continue;
            }
            Set<String> fields = new TreeSet<>();
            indicator.structuredFields().stream().filter(field -> field.startsWith("codes.")).forEach(fields::add);
            if (!fields.isEmpty()) {
                reads.put(indicator.id(), fields);
            }
        }
        Map<String, Set<String>> writes = new TreeMap<>();
        for (SourceMapping mapping : mappings) {
            mapping.record().codes().keySet().forEach(code -> writes.computeIfAbsent("codes." + code, k -> new TreeSet<>()).add(mapping.source()));
        }
        return new CodeCoverage(reads, writes);
    }

    /** Indicators none of whose code fields any mapping writes (they can fire only from text, if at all). */
    public Set<String> unfed() {
        Set<String> out = new TreeSet<>();
        reads.forEach((id, fields) -> {
            if (fields.stream().noneMatch(writes::containsKey)) {
                out.add(id);
            }
        });
        return out;
    }

    /** Code fields some mapping writes and no indicator reads. */
    public Set<String> unread() {
        Set<String> read = new TreeSet<>();
        reads.values().forEach(read::addAll);
        Set<String> out = new TreeSet<>(writes.keySet());
        out.removeAll(read);
        return out;
    }

    public String render() {
        StringBuilder out = new StringBuilder("indicator  code field                     written by\n");
        reads.forEach((id, fields) -> fields.forEach(field -> out.append(String.format("%-10s %-30s %s%n", id, field,
                writes.containsKey(field) ? String.join(", ", writes.get(field)) : "NO SHIPPED MAPPING"))));
        out.append(String.format("%nindicators whose codes no mapping writes (%d): %s%n", unfed().size(), String.join(" ", unfed())));
        out.append(String.format("codes written that no indicator reads (%d):%n", unread().size()));
        unread().forEach(field -> out.append(String.format("  %-30s %s%n", field, String.join(", ", writes.get(field)))));
        return out.toString();
    }
}
