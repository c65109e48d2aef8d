import java.io.FileInputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tessera.indexer.indicators.*;
import org.tessera.indexer.indicators.evaluation.*;
import org.tessera.indexer.nlp.Phrases;
import org.tessera.indexer.nlp.analysis.CaseNotePipeline;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;
import org.tessera.indexer.nlp.semantic.*;

/**
 * Scratch probe (helper stage6, session 19): the semantic stage's own matches on corpus items (no engine, no catalogue), each
 * judged for context at different anchors, counted as `indicators evaluate` counts an item of the match's concern (affirmed at
 * full weight; non-affirmed at full weight; a distractor with any match at full weight). Variants: old = cue words else the first
 * 12 words (ConceptTagger.contextAnchors), concept words at shares 0/0.1/0.25/0.5, concept words + cue words, and the share-0.25
 * variant with an experiencer gate. Usage: java -cp <cli jars> StageContextProbe.java CLASSIFIER OUT-DIFF CORPUS...
 */
public class StageContextProbe {
    static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'&-]*|[%£]");
    static final String[] V = {"old", "cw0.1", "cw0.25", "cw0.5", "cw0.75", "top1", "top3", "cues+top3", "wmaj0.1", "top3s", "cw0.25+exp"};

    public static void main(String[] args) throws Exception {
        ConceptCatalogue catalogue = ConceptCatalogue.loadDefault();
        ConcernClassifier classifier;
        try (var in = new FileInputStream(args[0])) {
            classifier = ConcernClassifier.parse(in, args[0], catalogue);
        }
        ContextHead head = ContextHead.loadDefault().orElseThrow();
        ConceptTagger tagger = new ConceptTagger(catalogue, null, classifier, head);
        NlpEvidenceContext rules = new NlpEvidenceContext(new CaseNotePipeline(new OpenNlpModels()));
        IndicatorCatalogue indicators = IndicatorCatalogue.loadDefault();
        List<Path> files = new ArrayList<>();
        for (int i = 2; i < args.length; i++) files.add(Path.of(args[i]));
        List<ConcernItem> items = ConcernCorpus.readAll(files);
        int[][] tally = new int[V.length][3]; // affirmed full, non-affirmed full, distractor full
        int affirmed = 0, qualified = 0, distractors = 0;
        Map<String, int[]> byKind = new TreeMap<>();
        try (PrintWriter diff = new PrintWriter(args[1])) {
            for (ConcernItem item : items) {
                if (item.distractor()) distractors++; else if (item.affirmed()) affirmed++; else qualified++;
                boolean[] full = new boolean[V.length];
                String text = item.text();
                StringBuilder why = new StringBuilder();
                for (ConceptMatch m : tagger.tag(text)) {
                    if (!item.distractor() && !m.concept().equals(item.concern())) continue;
                    Concept concept = catalogue.concepts().stream().filter(c -> c.id().equals(m.concept())).findFirst().orElseThrow();
                    ConcernClassifier.Head h = classifier.heads().stream().filter(x -> x.concept().equals(m.concept())).findFirst().orElseThrow();
                    Set<String> features = WordFeatures.of(text, m.start(), m.end());
                    AppliesTo applies = indicators.find(m.indicator()).orElseThrow().appliesTo();
                    List<List<int[]>> spans = new ArrayList<>();
                    spans.add(pairs(ConceptTagger.contextAnchors(text, m.start(), m.end(), concept)));
                    spans.add(concept(text, m, h, features, 0.1));
                    spans.add(concept(text, m, h, features, 0.25));
                    spans.add(concept(text, m, h, features, 0.5));
                    spans.add(concept(text, m, h, features, 0.75));
                    spans.add(top(text, m, h, features, 1));
                    spans.add(top(text, m, h, features, 3));
                    List<int[]> union = new ArrayList<>(top(text, m, h, features, 3));
                    union.addAll(cues(text, m.start(), m.end(), concept));
                    union.sort(Comparator.<int[]>comparingInt(a -> a[0]).thenComparingInt(a -> a[1]));
                    spans.add(Phrases.of(text, union));
                    spans.add(wmaj(rules, text, m, h, features, 0.1));
                    spans.add(topShare(text, m, h, features, 3, 0.25));
                    spans.add(concept(text, m, h, features, 0.25));
                    Set<String> own = new HashSet<>();
                    for (int[] sp : spans.get(2)) own.addAll(ContextHead.words(text.substring(sp[0], sp[1])));
                    ContextHead.Judgement guarded = head.judge(text.substring(m.start(), m.end()).strip(), own);
                    for (int v = 0; v < V.length; v++) {
                        EvidenceContext c = context(rules, text, spans.get(v));
                        boolean f = c.counts() && !c.historical() && !c.uncertain();
                        ContextHead.Judgement j = m.contextHead();
                        if (f && j != null && j.qualified()) f = false;
                        if (v == V.length - 1 && f) {
                            String e = c.experiencer();
                            if ((applies == AppliesTo.CHILD && (e.equals("parent") || e.equals("other")))
                                    || (applies == AppliesTo.HOUSEHOLD_ADULT && e.equals("child"))) f = false;
                        }
                        full[v] |= f;
                    }
                    why.append(" [").append(m.indicator()).append(" old=").append(show(text, spans.get(0))).append(" new=")
                            .append(show(text, spans.get(2))).append(" top3=").append(show(text, spans.get(6)))
                            .append(" applies=").append(applies).append("]");
                }
                int k = item.distractor() ? 2 : item.affirmed() ? 0 : 1;
                for (int v = 0; v < V.length; v++) if (full[v]) tally[v][k]++;
                String kind = item.distractor() ? "none" : item.context();
                int[] kk = byKind.computeIfAbsent(kind, x -> new int[V.length]);
                for (int v = 0; v < V.length; v++) if (full[v]) kk[v]++;
                boolean differs = false;
                for (int v = 1; v < V.length; v++) differs |= full[v] != full[0];
                if (differs || (k == 1 && full[0])) {
                    StringBuilder flags = new StringBuilder();
                    for (int v = 0; v < V.length; v++) flags.append(full[v] ? '1' : '0');
                    diff.printf("%s\t%s\t%s\t%s\t%s\t%s%n", flags, item.id(), item.concern(), item.context(), text.replace('\n', ' '), why);
                }
            }
        }
        System.out.printf("items: %d affirmed, %d non-affirmed, %d distractors%n", affirmed, qualified, distractors);
        System.out.printf("%-12s %10s %10s %10s%n", "variant", "aff.full", "nonaff.full", "distr.full");
        for (int v = 0; v < V.length; v++) System.out.printf("%-12s %10d %10d %10d%n", V[v], tally[v][0], tally[v][1], tally[v][2]);
        byKind.forEach((kind, c) -> System.out.printf("  %-12s %s%n", kind, Arrays.toString(c)));
    }

    static List<int[]> concept(String text, ConceptMatch m, ConcernClassifier.Head h, Set<String> features, double share) {
        double strongest = 0;
        for (String f : features) strongest = Math.max(strongest, h.words().getOrDefault(f, 0f));
        double floor = Math.max(share * strongest, Double.MIN_VALUE);
        return Phrases.of(text, WordFeatures.spans(text, m.start(), m.end(), f -> h.words().getOrDefault(f, 0f) >= floor));
    }

    /** The words behind the k strongest features (the explanation's reasons), as phrases. */
    static List<int[]> top(String text, ConceptMatch m, ConcernClassifier.Head h, Set<String> features, int k) {
        Set<String> keep = new HashSet<>(h.reasons(features, k));
        return Phrases.of(text, WordFeatures.spans(text, m.start(), m.end(), keep::contains));
    }

    /** Concept words at the share; the match is qualified only when its qualified phrases carry at least half the weight: returns those phrases, else the unqualified ones. */
    static List<int[]> wmaj(NlpEvidenceContext rules, String text, ConceptMatch m, ConcernClassifier.Head h, Set<String> features, double share) {
        List<int[]> phrases = concept(text, m, h, features, share);
        double total = 0, qualified = 0;
        List<int[]> q = new ArrayList<>(), a = new ArrayList<>();
        for (int[] ph : phrases) {
            double w = 0;
            for (String f : WordFeatures.of(text, ph[0], ph[1])) w += Math.max(0, h.words().getOrDefault(f, 0f));
            total += w;
            EvidenceContext c = rules.resolve(text, ph[0], ph[1]);
            boolean qual = c.negated() || c.uncertain() || c.historical() || c.hypothetical();
            if (qual) { qualified += w; q.add(ph); } else a.add(ph);
        }
        return qualified >= 0.5 * total && !q.isEmpty() ? q : a.isEmpty() ? phrases : a;
    }

    static List<int[]> topShare(String text, ConceptMatch m, ConcernClassifier.Head h, Set<String> features, int k, double share) {
        double strongest = 0;
        for (String f : features) strongest = Math.max(strongest, h.words().getOrDefault(f, 0f));
        double floor = share * strongest;
        Set<String> keep = new HashSet<>();
        for (String f : h.reasons(features, k)) if (h.words().get(f) >= floor) keep.add(f);
        return Phrases.of(text, WordFeatures.spans(text, m.start(), m.end(), keep::contains));
    }

    static List<int[]> cues(String text, int start, int end, Concept concept) {
        List<int[]> out = new ArrayList<>();
        Matcher w = WORD.matcher(text).region(start, end);
        while (w.find()) if (concept.cuedBy(w.group().toLowerCase(Locale.ROOT))) out.add(new int[] {w.start(), w.end()});
        return out;
    }

    static List<int[]> pairs(List<Integer> flat) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) out.add(new int[] {flat.get(i), flat.get(i + 1)});
        return out;
    }

    static EvidenceContext context(NlpEvidenceContext rules, String text, List<int[]> spans) {
        boolean n = false, u = false, hi = false, hy = false;
        EvidenceContext last = EvidenceContext.AFFIRMED;
        for (int[] s : spans) {
            last = rules.resolve(text, s[0], s[1]);
            n |= last.negated(); u |= last.uncertain(); hi |= last.historical(); hy |= last.hypothetical();
        }
        return EvidenceContext.of(n, u, hi, hy, last.experiencer());
    }

    static String show(String text, List<int[]> spans) {
        StringBuilder b = new StringBuilder();
        for (int[] s : spans) b.append(b.length() == 0 ? "" : "|").append(text, s[0], s[1]);
        return b.toString();
    }
}
