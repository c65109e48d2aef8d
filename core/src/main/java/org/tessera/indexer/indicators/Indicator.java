package org.tessera.indexer.indicators;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One risk indicator of the catalogue: either a {@code query} (an OpenSearch query over one event,
 * stored in the percolator index) or a {@code rule} over a person's earlier hits, never both.
 *
 * @param concern the concern it reports (e.g. {@code attendance}); indicators that report the same
 *                fact at different thresholds or through different agencies share one, so the
 *                scorer counts that fact once; the indicator's id when the catalogue names none
 * @param reachesSiblings a hit about one child also reaches the other children of its household
 *                (concerns about the care a child receives: neglect, abuse by a carer), not
 *                only the child it names
 * @param ages    for a concern about a child's own behaviour or stage (exploitation, youth justice,
 *                self-harm, school attendance...), the ages in years at which it can be about a child;
 *                a hit reaching another child of the household (present, household or sibling
 *                reach) counts for that child only inside this range; null: any age
 * @param file    where it was read from, for messages
 */
public record Indicator(String id, String title, String description, String group, List<String> agencies,
                        Severity severity, double weight, int halfLifeDays, AppliesTo appliesTo, int version,
                        boolean enabled, String note, String concern, boolean reachesSiblings, Ages ages, ObjectNode query, Rule rule, Examples examples,
                        String file) {

    /** Ages in years: from the {@code from}th birthday up to (not including) the {@code to}th. */
    public record Ages(double from, double to) {
        public Ages {
            if (!(from >= 0) || !(to > from) || to > 25) {
                throw new IllegalArgumentException("ages must satisfy 0 <= from < to <= 25, was " + from + " to " + to);
            }
        }

        public boolean includes(double age) {
            return age >= from && age < to;
        }
    }

    public Indicator {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(appliesTo, "applies_to");
        concern = concern == null || concern.isBlank() ? id : concern;
        agencies = List.copyOf(agencies);
        if ((query == null) == (rule == null)) {
            throw new IllegalArgumentException(id + ": exactly one of query and rule");
        }
        query = query == null ? null : query.deepCopy();
    }

    public boolean isQuery() {
        return query != null;
    }

    /**
     * Whether the query reads the note text ({@code text} or a sub-field), the only fields
     * highlighted; false for a rule. A query that does not matches on structured fields alone.
     */
    public boolean readsText() {
        return query != null && QueryFields.leaves(query).stream().anyMatch(QueryFields.Leaf::readsText);
    }

    /**
     * The event fields the query matches on apart from the text ({@code codes.attendance_pct},
     * {@code record_type}), in query order; empty for a rule.
     */
    public java.util.Set<String> structuredFields() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        if (query != null) {
            QueryFields.leaves(query).stream().filter(l -> !l.readsText()).forEach(l -> out.add(l.field()));
        }
        return out;
    }

    /** {@code query} or the rule's kind. */
    public String kind() {
        return rule == null ? "query" : rule.kind();
    }

    /** The metadata carried by stream and backfill hits. */
    public IndicatorMeta meta() {
        return new IndicatorMeta(id, version, severity, weight, appliesTo);
    }

    /** The percolator document: the stored query plus {@code indicator.*} (the mapping of indicators.json). */
    public ObjectNode percolatorDocument() {
        if (query == null) {
            throw new IllegalStateException(id + " is a rule, not a stored query");
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode doc = f.objectNode();
        doc.set("query", query.deepCopy());
        ObjectNode meta = doc.putObject("indicator");
        meta.put("id", id);
        meta.put("title", title);
        meta.put("description", description);
        meta.put("group", group);
        agencies.forEach(meta.putArray("agencies")::add);
        meta.put("severity", severity.label());
        meta.put("weight", weight);
        meta.put("half_life_days", halfLifeDays);
        meta.put("applies_to", appliesTo.label());
        meta.put("version", version);
        meta.put("enabled", enabled);
        meta.put("kind", kind());
        return doc;
    }

    /** Worked examples. For a query indicator each is an event fragment ({@code negated: true} marks a negated one);
     *  for a rule, each holds a {@code timeline}. */
    public record Examples(List<ObjectNode> positive, List<ObjectNode> negative) {
        public Examples {
            positive = positive.stream().map(ObjectNode::deepCopy).toList();
            negative = negative.stream().map(ObjectNode::deepCopy).toList();
        }
    }
}
