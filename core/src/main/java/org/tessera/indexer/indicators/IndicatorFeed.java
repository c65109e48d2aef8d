package org.tessera.indexer.indicators;

import org.tessera.indexer.ingest.SourceMapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which indicators a source mapping can feed through the codes it writes, which of its codes no
 * indicator reads, and which code fields the indicators of its agency read that it does not write
 * (the usual sign of a code named differently in the mapping and the catalogue). Shown by
 * {@code tessera sources check}. Text indicators are counted apart: any mapping with text feeds
 * them. Immutable.
 *
 * @param fed          indicator id to the code fields of this mapping it reads
 * @param unreadCodes  codes this mapping writes that no indicator's query reads
 * @param missed       indicator id (of this mapping's agency) to the code fields it reads that
 *                     this mapping does not write, for indicators it does not feed
 * @param textIndicators enabled query indicators that read the text, when the mapping writes text; else 0
 */
public record IndicatorFeed(Map<String, List<String>> fed, Set<String> unreadCodes, Map<String, List<String>> missed,
                            int textIndicators) {

    public IndicatorFeed {
        fed = Map.copyOf(fed);
        unreadCodes = Set.copyOf(unreadCodes);
        missed = Map.copyOf(missed);
    }

    public static IndicatorFeed of(SourceMapping mapping, Iterable<Indicator> indicators) {
        Set<String> codes = mapping.record().codes().keySet();
        Map<String, List<String>> fed = new LinkedHashMap<>();
        Map<String, List<String>> missed = new LinkedHashMap<>();
        Set<String> read = new LinkedHashSet<>();
        int text = 0;
        boolean writesText = !mapping.record().text().isEmpty();
        for (Indicator indicator : indicators) {
            if (!indicator.isQuery() || !indicator.enabled()) continue;
            if (writesText && indicator.readsText()) text++;
            List<String> hits = new ArrayList<>();
            List<String> wanted = new ArrayList<>();
            for (String field : indicator.structuredFields()) {
                if (!field.startsWith("codes.")) continue;
                String code = field.substring("codes.".length());
                read.add(code);
                if (codes.contains(code)) hits.add(field);
                else wanted.add(field);
            }
            if (!hits.isEmpty()) {
                fed.put(indicator.id(), hits);
            } else if (!wanted.isEmpty() && indicator.agencies().contains(mapping.agency())) {
                missed.put(indicator.id(), wanted);
            }
        }
        Set<String> unread = new TreeSet<>(codes);
        unread.removeAll(read);
        return new IndicatorFeed(sorted(fed), unread, sorted(missed), text);
    }

    private static Map<String, List<String>> sorted(Map<String, List<String>> m) {
        return new java.util.TreeMap<>(m);
    }
}
