package org.tessera.indexer.indicators;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The closed set of temporal/composite rules an indicator may have instead of a query. Rules run
 * over one person's earlier hits (and event values), never over text; see {@link RuleEvaluator}.
 */
public sealed interface Rule permits Rule.Count, Rule.CoOccurrence, Rule.DistinctValues {

    /** Window length: all the evidence of one firing lies within this many days. */
    int withinDays();

    /** Indicator ids the rule reads (empty for rules over event values). */
    Set<String> references();

    /** Catalogue spelling of the kind. */
    String kind();

    /** "At least {@code atLeast} hits of any of {@code of} within {@code withinDays}". */
    record Count(List<String> of, int atLeast, int withinDays) implements Rule {
        public Count {
            of = List.copyOf(of);
            if (of.isEmpty() || atLeast < 1 || withinDays < 1) {
                throw new IllegalArgumentException("count needs of (non-empty), at_least >= 1 and within_days >= 1");
            }
        }

        @Override
        public Set<String> references() {
            return new TreeSet<>(of);
        }

        @Override
        public String kind() {
            return "count";
        }
    }

    /** "A hit from every group of {@code allOf} (each group: any of its ids) within {@code withinDays}". */
    record CoOccurrence(List<List<String>> allOf, int withinDays) implements Rule {
        public CoOccurrence {
            allOf = allOf.stream().map(List::copyOf).toList();
            if (allOf.size() < 2 || allOf.stream().anyMatch(List::isEmpty) || withinDays < 1) {
                throw new IllegalArgumentException("co_occurrence needs all_of with at least two non-empty groups and within_days >= 1");
            }
        }

        @Override
        public Set<String> references() {
            Set<String> ids = new TreeSet<>();
            allOf.forEach(ids::addAll);
            return ids;
        }

        @Override
        public String kind() {
            return "co_occurrence";
        }
    }

    /** "At least {@code atLeast} distinct values of event field {@code field} within {@code withinDays}". */
    record DistinctValues(String field, int atLeast, int withinDays) implements Rule {
        public DistinctValues {
            if (field == null || field.isBlank() || atLeast < 2 || withinDays < 1) {
                throw new IllegalArgumentException("distinct_values needs field, at_least >= 2 and within_days >= 1");
            }
        }

        @Override
        public Set<String> references() {
            return Set.of();
        }

        @Override
        public String kind() {
            return "distinct_values";
        }
    }
}
