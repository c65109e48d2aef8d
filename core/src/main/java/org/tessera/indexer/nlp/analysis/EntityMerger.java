package org.tessera.indexer.nlp.analysis;

import org.tessera.indexer.nlp.EntityMention;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Merges statistical and rule-based mentions. Pure functions. */
public final class EntityMerger {

    private EntityMerger() {
    }

    /**
     * Rule mentions win over overlapping model mentions: a postcode, phone number, NHS number
     * or date has a fixed form the rules check exactly, while the model might fold it into an
     * address or name. A model LOCATION that merely ends with a postcode is trimmed rather
     * than dropped. The result is sorted by start offset.
     */
    public static List<EntityMention> merge(String text, List<EntityMention> model, List<EntityMention> rules) {
        List<EntityMention> out = new ArrayList<>(rules);
        for (EntityMention m : model) {
            EntityMention kept = m;
            for (EntityMention r : rules) {
                if (kept != null && kept.overlaps(r.start(), r.end())) {
                    kept = trim(text, kept, r);
                }
            }
            if (kept != null) {
                out.add(kept);
            }
        }
        out.sort(Comparator.comparingInt(EntityMention::start).thenComparingInt(EntityMention::end));
        return List.copyOf(out);
    }

    private static EntityMention trim(String text, EntityMention m, EntityMention rule) {
        int start = m.start();
        int end = m.end();
        if (rule.start() > start && rule.end() >= end) {
            end = rule.start();
        } else if (rule.start() <= start && rule.end() < end) {
            start = rule.end();
        } else {
            return null;
        }
        while (start < end && (Character.isWhitespace(text.charAt(start)) || text.charAt(start) == ',')) {
            start++;
        }
        while (end > start && (Character.isWhitespace(text.charAt(end - 1)) || text.charAt(end - 1) == ',')) {
            end--;
        }
        return end > start ? EntityMention.of(m.type(), text, start, end) : null;
    }
}
