package org.tessera.indexer.indicators;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the temporal/composite rules over one person's timeline. Each rule fires once per
 * episode: when its condition holds within the window ending at an event, a {@link DerivedHit}
 * is emitted with the evidence and the episode restarts, so three incidents give one hit and six
 * give two, not four. Pure and thread-safe.
 */
public final class RuleEvaluator {

    private static final Comparator<TimelineEntry> TIME = Comparator.comparing(TimelineEntry::date).thenComparing(TimelineEntry::eventId);

    private final List<Indicator> rules;

    public RuleEvaluator(List<Indicator> rules) {
        for (Indicator rule : rules) {
            if (rule.rule() == null) {
                throw new IllegalArgumentException(rule.id() + " is not a rule indicator");
            }
        }
        this.rules = List.copyOf(rules);
    }

    /** Every derived hit for the person, ordered by date then indicator id. */
    public List<DerivedHit> evaluate(String personId, List<TimelineEntry> timeline) {
        List<TimelineEntry> ordered = new ArrayList<>(timeline);
        ordered.sort(TIME);
        List<DerivedHit> out = new ArrayList<>();
        for (Indicator indicator : rules) {
            out.addAll(switch (indicator.rule()) {
                case Rule.Count count -> count(indicator, count, personId, ordered);
                case Rule.CoOccurrence co -> coOccurrence(indicator, co, personId, ordered);
                case Rule.DistinctValues distinct -> distinct(indicator, distinct, personId, ordered);
            });
        }
        out.sort(Comparator.comparing(DerivedHit::date).thenComparing(DerivedHit::indicatorId));
        return out;
    }

    private record Seen(TimelineEntry entry, String evidence) {
    }

    private static boolean outside(Seen seen, TimelineEntry now, int days) {
        return seen.entry.date().plusDays(days).isBefore(now.date());
    }

    private static List<DerivedHit> count(Indicator indicator, Rule.Count rule, String personId, List<TimelineEntry> timeline) {
        List<DerivedHit> out = new ArrayList<>();
        Deque<Seen> window = new ArrayDeque<>();
        for (TimelineEntry entry : timeline) {
            // one event is one occurrence, whichever of the listed indicators it carries
            String matched = rule.of().stream().filter(entry.indicatorIds()::contains).findFirst().orElse(null);
            if (matched == null) {
                continue;
            }
            window.addLast(new Seen(entry, entry.hitId(matched)));
            while (!window.isEmpty() && outside(window.peekFirst(), entry, rule.withinDays())) {
                window.removeFirst();
            }
            if (window.size() >= rule.atLeast()) {
                out.add(derived(indicator, personId, entry, window.stream().map(Seen::evidence).toList()));
                window.clear();
            }
        }
        return out;
    }

    private static List<DerivedHit> coOccurrence(Indicator indicator, Rule.CoOccurrence rule, String personId, List<TimelineEntry> timeline) {
        List<DerivedHit> out = new ArrayList<>();
        Seen[] latest = new Seen[rule.allOf().size()];
        for (TimelineEntry entry : timeline) {
            for (int g = 0; g < latest.length; g++) {
                String matched = rule.allOf().get(g).stream().filter(entry.indicatorIds()::contains).findFirst().orElse(null);
                if (matched != null) {
                    latest[g] = new Seen(entry, entry.hitId(matched));
                }
            }
            boolean all = true;
            for (int g = 0; g < latest.length; g++) {
                if (latest[g] != null && outside(latest[g], entry, rule.withinDays())) {
                    latest[g] = null;
                }
                all &= latest[g] != null;
            }
            if (all) {
                List<Seen> evidence = new ArrayList<>(List.of(latest));
                evidence.sort(Comparator.comparing((Seen s) -> s.entry.date()).thenComparing(Seen::evidence));
                out.add(derived(indicator, personId, entry, evidence.stream().map(Seen::evidence).distinct().toList()));
                java.util.Arrays.fill(latest, null);
            }
        }
        return out;
    }

    private static List<DerivedHit> distinct(Indicator indicator, Rule.DistinctValues rule, String personId, List<TimelineEntry> timeline) {
        List<DerivedHit> out = new ArrayList<>();
        Map<String, Seen> byValue = new LinkedHashMap<>();
        for (TimelineEntry entry : timeline) {
            String value = entry.values().get(rule.field());
            if (value == null) {
                continue;
            }
            String key = value.replaceAll("\\s+", "").toUpperCase(java.util.Locale.ROOT);
            byValue.remove(key);
            byValue.put(key, new Seen(entry, entry.eventId() + "#" + rule.field() + "=" + value));
            byValue.values().removeIf(seen -> outside(seen, entry, rule.withinDays()));
            if (byValue.size() >= rule.atLeast()) {
                out.add(derived(indicator, personId, entry, byValue.values().stream().map(Seen::evidence).toList()));
                byValue.clear();
            }
        }
        return out;
    }

    private static DerivedHit derived(Indicator indicator, String personId, TimelineEntry at, List<String> evidence) {
        return new DerivedHit(indicator.id(), indicator.version(), indicator.severity(), indicator.weight(), personId, at.date(), at.eventId(), evidence);
    }
}
