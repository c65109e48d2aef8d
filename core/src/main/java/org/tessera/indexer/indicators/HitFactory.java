package org.tessera.indexer.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tessera.indexer.events.Event;

/**
 * Turns "indicator X matched event E (with this highlight)" into an {@link IndicatorHit}. Both the
 * stream ({@link EventPercolator}) and the backfill ({@link IndicatorBackfill}) path go through
 * here, so the same match gives the same hit whichever way it was found. Thread-safe.
 */
final class HitFactory {

    /** Highlight tags from the Unicode private-use area: they never occur in case notes. */
    static final String PRE = "\uE000";
    static final String POST = "\uE001";

    private final EvidenceContextResolver contexts;

    HitFactory(EvidenceContextResolver contexts) {
        this.contexts = contexts;
    }

    /** The highlight clause both paths send, so the engine marks the same words. */
    static String highlightJson() {
        return "{\"pre_tags\":[\"" + PRE + "\"],\"post_tags\":[\"" + POST + "\"],\"require_field_match\":true,"
                + "\"fields\":{\"text\":{\"type\":\"unified\",\"number_of_fragments\":0},"
                + "\"text.exact\":{\"type\":\"unified\",\"number_of_fragments\":0}}}";
    }

    /**
     * @param event       the event (as percolated, or as read back by the backfill)
     * @param query       the indicator's query (for structured evidence)
     * @param highlighted the whole text with matched words between {@link #PRE} and {@link #POST}, one per
     *                    highlighted field ({@code text}, {@code text.exact}); empty when none
     */
    IndicatorHit hit(IndicatorMeta meta, JsonNode query, Event event, List<String> highlighted) {
        List<String> persons = persons(meta.appliesTo(), event);
        String text = event.text();
        Evidence best = !highlighted.isEmpty() && text != null ? textEvidence(text, highlighted) : null;
        // The semantic stage's sentences for this indicator compete with the lexical evidence on the
        // same terms (full weight, then counting, then first): each is judged at its cue word's context.
        Evidence semantic = text != null && (best == null || !fullWeight(best.context)) ? semanticEvidence(text, meta.id(), event) : null;
        if (semantic != null && (best == null || rank(semantic.context) < rank(best.context))) {
            return new IndicatorHit(meta.id(), meta.version(), meta.severity(), meta.weight(), "text", semantic.sentence,
                    semantic.start, semantic.end, semantic.context, persons, "semantic");
        }
        if (best != null) {
            return new IndicatorHit(meta.id(), meta.version(), meta.severity(), meta.weight(), "text", best.sentence,
                    best.start, best.end, best.context, persons, "query");
        }
        String[] structured = structuredEvidence(query, event);
        return new IndicatorHit(meta.id(), meta.version(), meta.severity(), meta.weight(), structured[0], structured[1],
                -1, -1, EvidenceContext.AFFIRMED, persons, "query");
    }

    private record Evidence(int start, int end, String sentence, EvidenceContext context) {
    }

    private static boolean fullWeight(EvidenceContext context) {
        return context.counts() && !context.historical() && !context.uncertain();
    }

    /** The rules' context with the context head's label added (the experiencer kept). */
    static EvidenceContext qualified(EvidenceContext context, String label) {
        return EvidenceContext.of(context.negated() || label.equals("negated"), context.uncertain() || label.equals("uncertain"),
                context.historical() || label.equals("historical"), context.hypothetical() || label.equals("hypothetical"),
                context.experiencer());
    }

    /** 0 counts at full weight, 1 counts at a reduced weight, 2 does not count. */
    private static int rank(EvidenceContext context) {
        return fullWeight(context) ? 0 : context.counts() ? 1 : 2;
    }

    /**
     * The best of the event's semantic matches for this indicator ({@code concept_matches}, written
     * by the semantic stage): the sentence, followed by the nearest exemplar that explains it; the
     * context is that of its cue words (every modifier of any of them), so "Mum denies drinking" is
     * negated as a lexical hit would be.
     */
    private Evidence semanticEvidence(String text, String indicatorId, Event event) {
        Evidence best = null;
        for (org.tessera.indexer.nlp.semantic.ConceptMatch match : event.conceptMatchesFor(indicatorId)) {
            if (match.anchorStart() < 0 || match.end() > text.length() || match.start() > match.anchorStart()
                    || match.anchorSpans().stream().anyMatch(a -> a[0] < 0 || a[1] > text.length() || a[0] > a[1])) {
                continue;
            }
            EvidenceContext context = context(text, match.anchorSpans());
            String explanation = match.explanation();
            // The trained context head (ADR 0021) only ever discounts what the rules count at full weight, and says why.
            if (match.contextHead() != null && match.contextHead().qualified() && fullWeight(context)) {
                context = qualified(context, match.contextHead().label());
                explanation += "; discounted by " + match.contextHead().explanation();
            }
            Evidence candidate = new Evidence(match.anchorStart(), match.anchorEnd(),
                    text.substring(match.start(), match.end()).strip() + " [" + explanation + "]", context);
            if (best == null || rank(candidate.context) < rank(best.context)) {
                best = candidate;
            }
        }
        return best;
    }

    /**
     * Finds the highlighted words in the original text, groups them by sentence and picks the first
     * sentence whose mention counts at full weight, else the first that counts at all (else the first): a note saying "no neglect" early and describing
     * neglect later must count.
     */
    private Evidence textEvidence(String text, List<String> highlighted) {
        List<int[]> spans = new ArrayList<>();
        for (String h : highlighted) {
            spans.addAll(spans(h, text));
        }
        spans.sort(java.util.Comparator.<int[]>comparingInt(s -> s[0]).thenComparingInt(s -> s[1]));
        if (spans.isEmpty()) {
            return null;
        }
        List<Evidence> groups = new ArrayList<>();
        int i = 0;
        while (i < spans.size()) {
            int sentenceStart = Sentences.startOf(text, spans.get(i)[0]);
            int sentenceEnd = Sentences.endOf(text, spans.get(i)[0]);
            int start = spans.get(i)[0];
            int end = spans.get(i)[1];
            int groupStart = i;
            i++;
            while (i < spans.size() && spans.get(i)[0] < sentenceEnd) {
                end = Math.max(end, spans.get(i)[1]);
                i++;
            }
            int groupEnd = i;
            sentenceEnd = Math.max(sentenceEnd, Sentences.endOf(text, end));
            List<int[]> phrases = phrases(text, spans.subList(groupStart, groupEnd));
            groups.add(headed(new Evidence(start, end, text.substring(sentenceStart, sentenceEnd).strip(), context(text, phrases, spans)),
                    hitWords(text, phrases)));
        }
        // an affirmed mention beats a historical or uncertain one (which counts at a reduced weight), which beats one that does not count
        return groups.stream().filter(g -> g.context.counts() && !g.context.historical() && !g.context.uncertain()).findFirst()
                .or(() -> groups.stream().filter(g -> g.context.counts()).findFirst()).orElse(groups.getFirst());
    }

    /**
     * The context head's second reading of a lexical hit's sentence (ADR 0027): like a semantic match's, it
     * only ever discounts what the rules count at full weight, and the evidence says why
     * ({@code "... [discounted by context head: negated p=0.83 ("no concerns", "screening")]"}).
     */
    private Evidence headed(Evidence evidence, Set<String> hitWords) {
        if (!fullWeight(evidence.context)) {
            return evidence;
        }
        var judgement = contexts.judgeSentence(evidence.sentence, hitWords).filter(j -> j.qualified()).orElse(null);
        if (judgement == null) {
            return evidence;
        }
        return new Evidence(evidence.start, evidence.end, evidence.sentence + " [discounted by " + judgement.explanation() + "]",
                qualified(evidence.context, judgement.label()));
    }

    /** The matched words of the phrases, lower-cased as the context head reads them: a hit's own words never argue for discounting it. */
    private static Set<String> hitWords(String text, List<int[]> phrases) {
        Set<String> words = new LinkedHashSet<>();
        for (int[] phrase : phrases) {
            words.addAll(org.tessera.indexer.nlp.semantic.ContextHead.words(text.substring(phrase[0], phrase[1])));
        }
        return words;
    }

    /**
     * The matched words of one sentence as phrases: words separated only by spaces or hyphens are one
     * phrase ("no food in the house"), words apart are not ("Mum [denies any] drug use", the two ends of a
     * proximity query). Each phrase's context is judged on its own, so a trigger between the ends of a
     * proximity match ("denies") is not taken for part of an indicator phrase.
     */
    static List<int[]> phrases(String text, List<int[]> spans) {
        List<int[]> phrases = new ArrayList<>();
        for (int[] span : spans) {
            if (!phrases.isEmpty()) {
                int[] last = phrases.getLast();
                if (span[0] <= last[1] || text.substring(last[1], span[0]).chars().allMatch(c -> c == ' ' || c == '-' || c == '\'')) {
                    last[1] = Math.max(last[1], span[1]);
                    continue;
                }
            }
            phrases.add(new int[] {span[0], span[1]});
        }
        return phrases;
    }

    /** The context of a match of several phrases: every modifier of any of them (the experiencer of the last). */
    private EvidenceContext context(String text, List<int[]> phrases) {
        return context(text, phrases, List.of());
    }

    /**
     * As {@link #context(String, List)} for a lexical hit whose highlighted words stand at {@code hitSpans}: a short verdict
     * later in the paragraph that names them qualifies each phrase (ADR 0060).
     */
    private EvidenceContext context(String text, List<int[]> phrases, List<int[]> hitSpans) {
        if (phrases.size() == 1) {
            return contexts.resolve(text, phrases.getFirst()[0], phrases.getFirst()[1], hitSpans);
        }
        boolean negated = false, uncertain = false, historical = false, hypothetical = false;
        EvidenceContext last = null;
        for (int[] phrase : phrases) {
            last = contexts.resolve(text, phrase[0], phrase[1], hitSpans);
            negated |= last.negated();
            uncertain |= last.uncertain();
            historical |= last.historical();
            hypothetical |= last.hypothetical();
        }
        return EvidenceContext.of(negated, uncertain, historical, hypothetical, last.experiencer());
    }

    /** Offsets of the highlighted words in {@code text}; the highlight is the whole text with tags added. */
    static List<int[]> spans(String highlighted, String text) {
        List<int[]> spans = new ArrayList<>();
        StringBuilder plain = new StringBuilder(text.length());
        int open = -1;
        for (int i = 0; i < highlighted.length(); i++) {
            char c = highlighted.charAt(i);
            if (c == PRE.charAt(0)) {
                open = plain.length();
            } else if (c == POST.charAt(0)) {
                if (open >= 0) {
                    spans.add(new int[] {open, plain.length()});
                }
                open = -1;
            } else {
                plain.append(c);
            }
        }
        if (!plain.toString().equals(text)) {
            // The engine returned something other than the full text (e.g. beyond max_analyzed_offset):
            // locate each marked word in the original instead.
            List<int[]> located = new ArrayList<>();
            int from = 0;
            for (int[] span : spans) {
                String word = plain.substring(span[0], span[1]);
                int at = text.indexOf(word, from);
                if (at < 0) {
                    at = text.toLowerCase(Locale.ROOT).indexOf(word.toLowerCase(Locale.ROOT), from);
                }
                if (at >= 0) {
                    located.add(new int[] {at, at + word.length()});
                    from = at + word.length();
                }
            }
            return located;
        }
        return spans;
    }

    /**
     * {field, "field=value"} for the structured leaf of the query the event satisfies, chosen by field
     * (codes first, then by name) rather than by position: the engine may return a stored query with
     * its keys reordered, and both paths must pick the same evidence.
     */
    static String[] structuredEvidence(JsonNode query, Event event) {
        if (query != null) {
            List<QueryFields.Leaf> leaves = new ArrayList<>(QueryFields.leaves(query));
            leaves.sort(java.util.Comparator.comparing((QueryFields.Leaf l) -> !l.field().startsWith("codes."))
                    .thenComparing(QueryFields.Leaf::field).thenComparing(QueryFields.Leaf::type));
            for (QueryFields.Leaf leaf : leaves) {
                if (leaf.readsText() || leaf.type().startsWith("span") || leaf.type().startsWith("match")) {
                    continue;
                }
                List<String> values = event.valuesAt(leaf.field());
                if (values.isEmpty()) {
                    continue;
                }
                String matched = satisfied(leaf, values);
                if (matched != null) {
                    return new String[] {leaf.field(), leaf.field() + "=" + matched};
                }
            }
        }
        return new String[] {"event", "event matched"};
    }

    private static String satisfied(QueryFields.Leaf leaf, List<String> values) {
        JsonNode body = leaf.body();
        switch (leaf.type()) {
            case "exists":
                return String.join(",", values);
            case "term": {
                String expected = body.isObject() ? body.path("value").asText() : body.asText();
                return values.stream().filter(v -> v.equalsIgnoreCase(expected)).findFirst().orElse(null);
            }
            case "terms": {
                Set<String> expected = new LinkedHashSet<>();
                body.forEach(v -> expected.add(v.asText().toLowerCase(Locale.ROOT)));
                return values.stream().filter(v -> expected.contains(v.toLowerCase(Locale.ROOT))).findFirst().orElse(null);
            }
            case "range": {
                for (String v : values) {
                    try {
                        double x = Double.parseDouble(v);
                        if (body.has("gte") && x < body.get("gte").asDouble()) continue;
                        if (body.has("gt") && x <= body.get("gt").asDouble()) continue;
                        if (body.has("lte") && x > body.get("lte").asDouble()) continue;
                        if (body.has("lt") && x >= body.get("lt").asDouble()) continue;
                        return v;
                    } catch (NumberFormatException e) {
                        // dates and other non-numbers: not used by structured evidence
                    }
                }
                return null;
            }
            default:
                return null;
        }
    }

    private static List<String> persons(AppliesTo appliesTo, Event event) {
        List<String> children = event.childIds();
        List<String> all = event.personIds();
        return switch (appliesTo) {
            case CHILD -> children.isEmpty() ? all : children;
            case HOUSEHOLD_ADULT -> all.stream().filter(p -> !children.contains(p)).toList();
            case ANY -> all;
        };
    }
}
