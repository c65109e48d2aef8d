package org.tessera.indexer.nlp.context;

import java.time.Year;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tessera.indexer.nlp.Sentence;
import org.tessera.indexer.nlp.SentenceSplitter;

/**
 * Decides whether mentions in case-note text are negated, uncertain, historical or
 * hypothetical, and whose experience they describe: a ConText/NegEx-style algorithm over
 * trigger phrases ({@link TriggerCatalogue}) with scopes that run forward or backward from
 * the trigger within a sentence, ended by terminators ("but", "however", "although"), by a
 * comma or conjunction that opens a new clause (while a list such as "no bruising, burns or
 * marks" stays inside the scope), and by a window of {@value #CLAUSE_WINDOW} words. Pseudo
 * triggers ("not only", "no increase") block the shorter trigger inside them; double negatives
 * ("cannot rule out") are triggers of their own.
 *
 * <p>Thread-safe and stateless apart from its immutable configuration.
 */
public final class ContextAnalyzer {

    static final int CLAUSE_WINDOW = 12;

    private static final Pattern WORD = Pattern.compile(
            "[\\p{L}\\p{N}]+(?:['\\u2019][\\p{L}]+)*(?:-[\\p{L}\\p{N}]+)*|[^\\s\\p{L}\\p{N}]");
    private static final Pattern YEAR = Pattern.compile("(?:19|20)\\d{2}");
    /** "2018-2019", "2021-22": a span of years, history when its last year is. */
    private static final Pattern YEAR_RANGE = Pattern.compile("((?:19|20)\\d{2})-((?:19|20)?\\d{2})");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");
    /** "Yr8", "Y10", "year7": a school year written as one word. */
    private static final Pattern SCHOOL_YEAR = Pattern.compile("(?:y|yr|year)\\d{1,2}");
    /** Targets of at least this many words are long proximity highlights, not a phrase that owns its negator. */
    static final int LONG_TARGET = 8;

    private static final Set<String> SENTENCE_END = Set.of(".", "!", "?");
    private static final Set<String> CONJUNCTIONS = Set.of(",", "and", "or", "&", "/");
    private static final Set<String> PRONOUN_SUBJECTS = Set.of("i", "he", "she", "they", "we", "it", "there", "you");
    private static final Set<String> NOUN_SUBJECTS = Set.of(
            "mum", "dad", "mother", "father", "child", "parents", "this", "that", "the", "her", "his",
            "their", "staff", "school", "police", "worker", "sw", "gp", "baby", "stepdad", "partner");
    private static final Set<String> CLAUSE_VERBS = Set.of(
            "admits", "admitted", "reports", "reported", "disclosed", "discloses", "says", "said", "states",
            "stated", "confirmed", "confirms", "acknowledges", "acknowledged", "accepts", "accepted",
            "agrees", "agreed", "was", "is", "were", "are", "has", "had", "have", "appeared", "appears",
            "presented", "seemed", "seems", "describes", "described", "explained", "told", "became",
            "showed", "shows", "will", "also", "then", "later", "now");
    private static final Set<String> FINITE = Set.of(
            "is", "was", "were", "are", "has", "had", "have", "will", "would", "can", "could", "did",
            "does", "do", "said", "says", "reports", "reported", "disclosed", "admits", "admitted",
            "stated", "states", "appeared", "appears", "seemed", "seems", "looked", "looks", "felt",
            "told", "explained", "confirmed", "agreed", "became", "remains", "remained", "continues",
            "hit", "hits", "drinks", "drank", "left", "went", "came", "took", "shouted", "smelt",
            "smelled", "uses", "used", "smokes", "smoked", "lives", "lived", "may", "might", "must",
            "should", "isn't", "wasn't", "didn't", "doesn't", "hasn't", "can't", "won't");
    private static final Set<String> INTERROGATIVES = Set.of(
            "is", "are", "was", "were", "did", "does", "do", "has", "have", "had", "could", "can", "will",
            "would", "should", "any", "whether", "how", "what", "why", "when", "who", "where", "isn't");
    private static final Set<String> INVERTED_SUBJECTS = Set.of(
            "there", "he", "she", "they", "it", "anyone", "anything", "any", "the", "dad", "mum", "you", "we");
    private static final Set<String> QUESTION_BOUNDARIES = Set.of(",", "-", "\u2013", ":");
    private static final Set<String> PRESENT_MARKERS = Set.of("now", "currently", "still", "today", "tonight");
    private static final Set<String> TAIL_BOUNDARIES = Set.of(",", ";", "-", "\u2013", ":", "(", "but", "and");
    /** Words that point back at the clause before a terminator ("..., but mum disputes this"). */
    private static final Set<String> ANAPHORS = Set.of("this", "that", "it", "these");
    /** Most words between a terminator and a qualifier that points back over it. */
    static final int TAIL_REACH = 8;
    private static final Set<String> TAIL_NEGATIVES = Set.of("no", "nil", "none", "nothing", "not", "never");
    private static final Set<String> SETTLED_STATES = Set.of(
            "settled", "thriving", "stable", "clean", "sober", "dry", "abstinent", "remission", "recovered", "well", "fine");
    private static final Set<String> CLAUSE_OPENERS_FOR_SHOULD = Set.of(",", ";", "that", "and", ":", "-");

    private static final Set<String> PARENT_CUES = Set.of(
            "mum", "mother", "mum's", "mother's", "dad", "father", "dad's", "father's", "stepdad",
            "stepfather", "stepdad's", "stepfather's", "stepmum", "stepmother", "parent", "parents",
            "parents'", "parental", "mummy", "daddy", "mam", "mom");
    private static final Set<String> CHILD_CUES = Set.of(
            "child", "child's", "children", "children's", "baby", "baby's", "infant", "son", "daughter",
            "yp", "toddler", "pupil", "boy", "girl", "newborn", "teenager");
    private static final Set<String> OTHER_CUES = Set.of(
            "grandmother", "grandfather", "nan", "nanny", "grandma", "grandad", "granddad", "gran",
            "grandparents", "uncle", "aunt", "auntie", "cousin", "neighbour", "neighbours", "friend",
            "friends", "partner", "partner's", "boyfriend", "boyfriend's", "girlfriend", "lodger",
            "brother", "sister", "sibling", "siblings", "stepbrother", "stepsister", "family",
            "relative", "relatives", "visitor", "visitors", "male", "man");

    /** A blank line between two sentences: a qualifier after it does not reach back. */
    private static final Pattern PARAGRAPH = Pattern.compile("\\n\\s*\\n");
    /** Most words of a label that opens the sentence after a finding ("Outcome:", "Police searched him at school:"). */
    static final int AFTERWORD_LABEL = 6;
    /** A sentence after a finding of at most this many words is a verdict on it wherever its trigger stands. */
    static final int SHORT_AFTERWORD = 4;
    private static final Set<String> LABEL_ENDS = Set.of(":", "-", "\u2013", "\u2014", ";");
    /** Words after which a verdict no longer stands ("Denies it, but the call was recorded"). */
    private static final Set<String> CONTRASTS = Set.of("but", "however", "although", "though", "whereas");
    /** Words that open a sentence pointing back at the one before ("This was in 2019", "These episodes stopped"). */
    private static final Set<String> AFTERWORD_ANAPHORS = Set.of("this", "that", "it", "these", "those", "both", "which", "all");
    /** Subjects that open a sentence about the person of the one before ("He has been sober for six years"). */
    private static final Set<String> AFTERWORD_PRONOUNS = Set.of("he", "she", "they");
    /** Most words of a verdict sentence's first clause ("No concerns re maternal mental health.", ADR 0060). */
    static final int VERDICT_WORDS = 8;
    /** Most words of a verdict that name the concern it is on ("No online safety concerns.", "Nothing to suggest domestic abuse."). */
    static final int VERDICT_NAMED = 3;
    /** Most sentences after a finding that a verdict naming the hit's own words reaches back over (ADR 0060). */
    static final int VERDICT_REACH = 3;
    /** Most words of a heading line without a colon ("HISTORICAL CONCERNS (closed)", "Relapse plan"). */
    static final int HEADING_WORDS = 6;
    /** Most lines between a heading and the line it scopes. */
    static final int HEADING_REACH = 12;
    /** A list item: a line opened by a bullet or a number ("- ", "* ", "\u2022", "1.", "2)"). */
    private static final Pattern BULLET = Pattern.compile("(?:[-*\u2022]|\\d+[.)])\\s");
    /** A line ending in one of these is a sentence, not a heading. */
    private static final Set<String> HEADING_STOPS = Set.of(".", "!", ";", ",");

    private final SentenceSplitter splitter;
    private final TriggerCatalogue catalogue;
    private final int referenceYear;

    /** Uses the standard trigger list; years before the current one count as history. */
    public ContextAnalyzer(SentenceSplitter splitter) {
        this(splitter, TriggerCatalogue.standard(), Year.now().getValue());
    }

    /**
     * @param referenceYear a year mentioned as "in 2019" marks history only if it is before
     *                      this year (normally the year the note was written)
     */
    public ContextAnalyzer(SentenceSplitter splitter, TriggerCatalogue catalogue, int referenceYear) {
        this.splitter = Objects.requireNonNull(splitter, "splitter");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.referenceYear = referenceYear;
    }

    /** The same analyzer judging history against another year (cheap: nothing is reloaded). */
    public ContextAnalyzer withReferenceYear(int year) {
        return year == referenceYear ? this : new ContextAnalyzer(splitter, catalogue, year);
    }

    public int referenceYear() {
        return referenceYear;
    }

    /** The modified ranges of {@code text}; text outside every span is affirmed. */
    public List<ContextSpan> analyze(String text) {
        return analyze(text, splitter.split(text));
    }

    /** As {@link #analyze(String)} with sentences already split. */
    public List<ContextSpan> analyze(String text, List<Sentence> sentences) {
        List<ContextSpan> out = new ArrayList<>();
        for (Sentence s : sentences) {
            SentenceAnalysis a = new SentenceAnalysis(s.text());
            List<Scope> scopes = a.scopes(-1, -1);
            int n = a.words.size();
            if (scopes.isEmpty() || n == 0) {
                continue;
            }
            int[] flags = new int[n];
            for (Scope sc : scopes) {
                for (int w = sc.from; w < sc.to; w++) {
                    flags[w] |= sc.mask();
                }
            }
            int w = 0;
            while (w < n) {
                if (flags[w] == 0) {
                    w++;
                    continue;
                }
                int first = w;
                while (w + 1 < n && flags[w + 1] == flags[first]) {
                    w++;
                }
                int f = flags[first];
                out.add(new ContextSpan(s.start() + a.words.get(first).start, s.start() + a.words.get(w).end,
                        (f & 1) != 0, (f & 2) != 0, (f & 4) != 0, (f & 8) != 0, a.experiencer(first, w + 1)));
                w++;
            }
        }
        return List.copyOf(out);
    }

    /** The context of the character range {@code [start, end)} of {@code text}. */
    public MentionContext contextOf(String text, int start, int end) {
        return contextOf(text, splitter.split(text), start, end);
    }

    /**
     * As {@link #contextOf(String, int, int)} for a hit whose matched words also stand at {@code hitSpans} (character ranges of
     * {@code text}, in any sentence; ADR 0060): the first later sentence of the paragraph, at most {@value #VERDICT_REACH} on,
     * that holds the hit's words judges the finding when it is a short verdict made of a verdict opener, the hit's own words and
     * verdict words only ("Report of girl seen with older man. Confirmed as her uncle. No CSE concerns.", "Reported missing by
     * mother at 23:00. Not missing.", "Referred over dental neglect. Examined: teeth well cared for. No evidence of dental
     * neglect."); "No bruising to her face." after "Bruising to arm." names a place of its own and judges nothing.
     */
    public MentionContext contextOf(String text, int start, int end, List<int[]> hitSpans) {
        List<Sentence> sentences = splitter.split(text);
        MentionContext context = contextOf(text, sentences, start, end);
        return hitSpans.isEmpty() ? context : joined(context, namedVerdict(text, sentences, start, hitSpans), "");
    }

    /** The verdict of {@link #contextOf(String, int, int, List)}: a later sentence naming the hit's own words. */
    private MentionContext namedVerdict(String text, List<Sentence> sentences, int start, List<int[]> hitSpans) {
        int i = 0;
        while (i < sentences.size() && !(start >= sentences.get(i).start() && start < sentences.get(i).end())) {
            i++;
        }
        for (int j = i + 1; j < sentences.size() && j <= i + VERDICT_REACH; j++) {
            Sentence s = sentences.get(j);
            if (PARAGRAPH.matcher(text).region(sentences.get(j - 1).end(), s.start()).find()) {
                break;
            }
            List<int[]> own = new ArrayList<>();
            for (int[] span : hitSpans) {
                if (span[0] >= s.start() && span[1] <= s.end()) {
                    own.add(new int[] {span[0] - s.start(), span[1] - s.start()});
                }
            }
            if (!own.isEmpty()) {
                MentionContext v = verdict(s.text(), own);
                return joined(MentionContext.AFFIRMED, v, "verdict naming the finding: ");
            }
        }
        return MentionContext.AFFIRMED;
    }

    /** As {@link #contextOf(String, int, int)} with sentences already split. */
    public MentionContext contextOf(String text, List<Sentence> sentences, int start, int end) {
        if (start < 0 || end > text.length() || end < start) {
            throw new IllegalArgumentException("range " + start + ".." + end + " outside text of length " + text.length());
        }
        for (int i = 0; i < sentences.size(); i++) {
            Sentence s = sentences.get(i);
            if (start >= s.start() && start < s.end()) {
                MentionContext own = contextInSentence(s.text(), start - s.start(), Math.min(end, s.end()) - s.start());
                MentionContext after = i + 1 < sentences.size() ? afterword(text, s, sentences.get(i + 1)) : MentionContext.AFFIRMED;
                MentionContext before = i > 0 ? queryBefore(text, sentences.get(i - 1), s) : MentionContext.AFFIRMED;
                return joined(joined(joined(own, after, "next sentence: "), before, "sentence before: "), heading(text, start), "heading: ");
            }
        }
        return MentionContext.AFFIRMED; // whitespace between sentences
    }

    /** {@code own} with the modifiers of {@code other} added (the experiencer of {@code own}); the other's triggers named after {@code where}. */
    private static MentionContext joined(MentionContext own, MentionContext other, String where) {
        if (other.triggers().isEmpty()) {
            return own;
        }
        List<String> why = new ArrayList<>(own.triggers());
        other.triggers().forEach(t -> why.add(where + t));
        return new MentionContext(own.negated() || other.negated(), own.uncertain() || other.uncertain(),
                own.historical() || other.historical(), own.hypothetical() || other.hypothetical(), own.experiencer(), why);
    }

    /**
     * What the sentence after a finding says of it (ADR 0046): a {@code previous} trigger of the catalogue that opens
     * {@code next} ("Accidental - fell off his scooter.", "Unfounded.", "NFA.", "Denied by Jade."), that stands within
     * {@value #AFTERWORD_LABEL} words of a short label opening it ("Outcome: NFA.", "Police attended; no offences
     * disclosed.", "Outcome: strategy discussion held, no further action taken."), that stands in the first clause of
     * a sentence opened by a word pointing back ("This was in 2019.", "That decision was overturned.", "It has not
     * returned.") or, for history only, by a pronoun subject ("He has been sober for six years."), or anywhere in a
     * verdict of at most {@value #SHORT_AFTERWORD} words ("Hair strand test clear."); and a sentence that opens with a
     * negative and whose first clause ends on "since" makes the finding history ("Nil since.", "No incidents logged
     * since.", not "Not seen since the 3rd."), as a tail clause does inside a sentence (ADR 0030). A sentence with its own subject
     * and no such opening ("Dad was arrested for assault.") qualifies nothing before it, and a blank line between the
     * two ends the reach.
     */
    private MentionContext afterword(String text, Sentence finding, Sentence next) {
        if (PARAGRAPH.matcher(text).region(finding.end(), next.start()).find()) {
            return MentionContext.AFFIRMED;
        }
        SentenceAnalysis a = new SentenceAnalysis(next.text(), catalogue::afterwordsStartingWith);
        List<Word> words = a.words;
        int n = words.size();
        if (n == 0) {
            return MentionContext.AFFIRMED;
        }
        if (a.matches.isEmpty() && !TAIL_NEGATIVES.contains(words.getFirst().lower)) {
            return joined(MentionContext.AFFIRMED, verdict(next.text()), "verdict: ");
        }
        int label = -1; // the first word after a short label ("Outcome:", "Police searched him at school:", "Released,")
        for (int k = 1; k < Math.min(n, AFTERWORD_LABEL + 1); k++) {
            if (LABEL_ENDS.contains(words.get(k).lower) || ",".equals(words.get(k).lower)) {
                label = k + 1;
                break;
            }
            if (!Character.isLetterOrDigit(words.get(k).lower.charAt(0))) {
                break;
            }
        }
        String opener = words.getFirst().lower;
        boolean pointsBack = AFTERWORD_ANAPHORS.contains(opener);
        boolean pronoun = AFTERWORD_PRONOUNS.contains(opener);
        int clauseEnd = 0; // the first clause: up to a full stop, a comma, a colon, a dash or a semicolon
        while (clauseEnd < n && !a.terminator[clauseEnd] && !LABEL_ENDS.contains(words.get(clauseEnd).lower)
                && !",".equals(words.get(clauseEnd).lower)) {
            clauseEnd++;
        }
        int contrast = n; // the first contrast word ("but", "however", ...), n when there is none
        for (int k = 0; k < n; k++) {
            if (CONTRASTS.contains(words.get(k).lower)) {
                contrast = k;
                break;
            }
        }
        long wordCount = words.stream().filter(w -> Character.isLetterOrDigit(w.lower.charAt(0))).count();
        List<Match> qualifying = new ArrayList<>();
        for (Match m : a.matches) {
            if (m.from < contrast && contrast < n) {
                continue; // "Denies it, but the call was recorded.": a contrast after the verdict outweighs it
            }
            boolean early = m.from < clauseEnd && m.from <= AFTERWORD_LABEL;
            boolean historyOnly = m.trigger.effects().equals(Set.of(Trigger.Effect.HISTORICAL));
            boolean ownAnaphor = m.trigger.words().stream().anyMatch(AFTERWORD_ANAPHORS::contains);
            boolean afterLabel = label > 0 && m.from >= label && m.from - label <= AFTERWORD_LABEL;
            if (m.from == 0 || afterLabel || wordCount <= SHORT_AFTERWORD
                    || (early && (pointsBack || ownAnaphor || (pronoun && historyOnly)))) {
                qualifying.add(m);
            }
        }
        MentionContext said = effects(qualifying, false);
        // the tail-clause rule of ADR 0030 as a sentence of its own: "Nil since.", "No DA-related occurrences since.";
        // not "Not seen since the 3rd." (an absence that goes on)
        if (TAIL_NEGATIVES.contains(opener) && contrast == n && endsOnSince(words, clauseEnd)) {
            said = joined(said, new MentionContext(false, false, true, false, Experiencer.UNSTATED, List.of("since")), "");
        }
        return joined(said, verdict(next.text()), "verdict: ");
    }

    /**
     * A short verdict sentence on the finding before it (ADR 0060): its first clause (up to a full stop, comma, colon, dash
     * or semicolon) has at most {@value #VERDICT_WORDS} words, opens with a {@code verdict} qualifier of the catalogue ("no",
     * "nil", "not", "nothing", "unclear", "not sure", "could be", "unverified") and names no concept of its own: every other
     * word is a verdict word ("No concerns identified.", "Nil concerns.", "Not substantiated.", "Could be innocent.", "Not
     * clear which."), or one of at most {@value #VERDICT_NAMED} words that name the concern the verdict is on, standing just
     * before a verdict head ("No CSE concerns.", "No self-harm intent.") or after a verdict link ("No concerns re alcohol.",
     * "Nothing to suggest DA.", "Unclear whether she's using."), never a person ("No concerns re the children."). A bare
     * negative with a concept of its own ("No injuries.", "Not reported to police.", "No food in the house.") is a finding,
     * not a verdict, and qualifies nothing before it; so is a plan ("Should attend AA."): no verdict is hypothetical.
     */
    private MentionContext verdict(String sentence) {
        return verdict(sentence, List.of());
    }

    /**
     * As {@link #verdict(String)}; with {@code own} (ranges of the sentence where the finding's hit's own words stand) not
     * empty, a verdict that names the finding by the hit's words and holds no other word but verdict words ("Not missing.",
     * "No evidence of dental neglect.").
     */
    private MentionContext verdict(String sentence, List<int[]> own) {
        SentenceAnalysis v = new SentenceAnalysis(sentence, catalogue::verdictsStartingWith);
        if (v.matches.isEmpty() || v.matches.getFirst().from != 0) {
            return MentionContext.AFFIRMED;
        }
        Match opener = v.matches.getFirst();
        List<Word> words = v.words;
        int openerStart = words.get(opener.from).start;
        int openerEnd = words.get(opener.to - 1).end;
        if (own.stream().anyMatch(r -> openerStart < r[1] && r[0] < openerEnd)) {
            return MentionContext.AFFIRMED; // "No food." after "No food in the house.": the negator is the hit's own phrase
        }
        if (words.stream().anyMatch(w -> CONTRASTS.contains(w.lower))) {
            return MentionContext.AFFIRMED; // "No concerns, but she has lost weight."
        }
        int end = opener.to;
        while (end < words.size() && !v.terminator[end] && !LABEL_ENDS.contains(words.get(end).lower)
                && !",".equals(words.get(end).lower)) {
            end++;
        }
        if (words.subList(0, end).stream().filter(w -> Character.isLetterOrDigit(w.lower.charAt(0))).count() > VERDICT_WORDS) {
            return MentionContext.AFFIRMED;
        }
        int named = 0;
        boolean linked = false;
        for (int k = opener.to; k < end; k++) {
            String w = words.get(k).lower;
            Word word = words.get(k);
            boolean hitWord = own.stream().anyMatch(r -> word.start < r[1] && r[0] < word.end);
            Trigger.Kind kind = hitWord || NUMBER.matcher(w).matches() || isYear(w) ? Trigger.Kind.VERDICT_WORD : catalogue.verdictWord(w);
            if (kind == Trigger.Kind.PSEUDO) {
                return MentionContext.AFFIRMED; // "No other concerns.", "Nothing else of note.": about something else
            }
            if (kind == Trigger.Kind.VERDICT_LINK) {
                linked = true;
            } else if (kind == null) {
                if (v.cue(k) != null || !(linked || headAfter(v, k, end))) {
                    return MentionContext.AFFIRMED; // a person, or a concept of its own: a finding, not a verdict
                }
                named++;
            }
        }
        return named <= (own.isEmpty() ? VERDICT_NAMED : 0) ? effects(List.of(opener), false) : MentionContext.AFFIRMED;
    }

    /** Whether the words from {@code k} up to the next verdict word of the clause {@code [.., end)} run into a verdict head. */
    private boolean headAfter(SentenceAnalysis v, int k, int end) {
        for (int j = k + 1; j < end; j++) {
            Trigger.Kind kind = catalogue.verdictWord(v.words.get(j).lower);
            if (kind != null) {
                return kind == Trigger.Kind.VERDICT_HEAD;
            }
        }
        return false;
    }

    /**
     * What a short hedged query just before the finding's sentence, on the same line, says of it: "Possible CSE? New
     * expensive phone and nails done." doubts the phone as a query heading line ("? DV", ADR 0046) doubts the lines
     * under it. The query is at most {@value #HEADING_WORDS} words ending in a question mark, opened by "?" or holding a
     * doubt of the trigger list ("possible", "possibly", "query", "suspected"), and not a question the writer asked
     * ("Any injuries? Bruise to the arm." stays affirmed).
     */
    private MentionContext queryBefore(String text, Sentence query, Sentence finding) {
        if (text.substring(query.end(), finding.start()).indexOf('\n') >= 0) {
            return MentionContext.AFFIRMED; // a query on a line of its own is a heading
        }
        SentenceAnalysis a = new SentenceAnalysis(query.text());
        int last = a.words.size() - 1;
        while (last >= 0 && !a.isQuestionMark(last) && SENTENCE_END.contains(a.words.get(last).lower)) {
            last--;
        }
        return last > 0 && a.isQuestionMark(last) && a.terminatorsOnlyAfter(last) && a.hedgedQuery(last)
                ? new MentionContext(false, true, false, false, Experiencer.UNSTATED, List.of("?")) : MentionContext.AFFIRMED;
    }

    /** Whether the clause of {@code words} before {@code end} ends on "since" ("nil since", "ever since", "since then"). */
    private static boolean endsOnSince(List<Word> words, int end) {
        for (int k = 0; k < end; k++) {
            if (words.get(k).lower.equals("since")
                    && (k == end - 1 || words.get(k + 1).lower.equals("then") || (k > 0 && words.get(k - 1).lower.equals("ever")))) {
                return true;
            }
        }
        return false;
    }

    /** The modifiers of {@code matches} (and doubt, for a query heading) as a context with no experiencer. */
    private static MentionContext effects(List<Match> matches, boolean query) {
        if (matches.isEmpty() && !query) {
            return MentionContext.AFFIRMED;
        }
        Gathered g = new Gathered();
        if (query) {
            g.add(Set.of(Trigger.Effect.UNCERTAIN), "?");
        }
        matches.forEach(m -> g.add(m.trigger.effects(), m.phrase));
        return g.context(Experiencer.UNSTATED);
    }

    /** The modifiers gathered from triggers and scopes, with the phrases that gave them (one method's scratch). */
    private static final class Gathered {
        private boolean neg;
        private boolean unc;
        private boolean hist;
        private boolean hyp;
        private final Set<String> why = new LinkedHashSet<>();

        void add(Set<Trigger.Effect> e, String phrase) {
            neg |= e.contains(Trigger.Effect.NEGATED);
            unc |= e.contains(Trigger.Effect.UNCERTAIN);
            hist |= e.contains(Trigger.Effect.HISTORICAL);
            hyp |= e.contains(Trigger.Effect.HYPOTHETICAL);
            why.add(phrase);
        }

        MentionContext context(Experiencer experiencer) {
            return new MentionContext(neg, unc, hist, hyp, experiencer, List.copyOf(why));
        }
    }

    /**
     * What the nearest heading above the line holding {@code offset} says of it (ADR 0046). A heading is a line of its
     * own that ends in a colon ("Previous history:"), or a short line of at most {@value #HEADING_WORDS} words without
     * a full stop that is in capitals ("HISTORICAL CONCERNS (closed)"), holds a {@code heading} trigger ("Relapse
     * plan", "Allegation - unsubstantiated") or is a query ("? DV", "Possible radicalisation?"). The lines under it are
     * scoped by its {@code heading} triggers, and a query doubts them, up to the next heading (which, like "Current
     * concerns:", may say nothing) or a blank line; lines further up are never read.
     */
    private MentionContext heading(String text, int offset) {
        int end = text.lastIndexOf('\n', Math.max(0, offset - 1));
        if (end < 0) {
            return MentionContext.AFFIRMED;
        }
        int lineEnd = text.indexOf('\n', offset);
        String own = text.substring(end + 1, lineEnd < 0 ? text.length() : lineEnd);
        for (int lines = 0; end >= 0 && lines < HEADING_REACH; lines++) {
            int from = text.lastIndexOf('\n', end - 1) + 1;
            String line = text.substring(from, end).strip();
            if (line.isEmpty()) {
                return MentionContext.AFFIRMED; // a paragraph break: what came before is another part
            }
            if (BULLET.matcher(line).lookingAt()) {
                end = from - 1; // an item of a list ("- historic DV") is content under a heading, not one
                continue;
            }
            SentenceAnalysis a = new SentenceAnalysis(line, catalogue::headingsStartingWith);
            boolean query = line.startsWith("?") || line.endsWith("?");
            long words = a.words.stream().filter(w -> Character.isLetterOrDigit(w.lower.charAt(0))).count();
            boolean shortLine = words <= HEADING_WORDS && !HEADING_STOPS.contains(line.substring(line.length() - 1));
            boolean capitals = line.chars().anyMatch(Character::isLetter) && line.equals(line.toUpperCase(Locale.ROOT));
            if (line.endsWith(":") || (shortLine && (capitals || query || !a.matches.isEmpty()))) {
                List<Match> matches = a.matches;
                if (presentTense(own)) {
                    // "Background:" over "Mum is currently using heroin daily": the line says it goes on now
                    matches = matches.stream().filter(m -> !m.trigger.effects().equals(Set.of(Trigger.Effect.HISTORICAL))).toList();
                }
                return effects(matches, query && shortLine);
            }
            end = from - 1;
        }
        return MentionContext.AFFIRMED;
    }

    /** Whether {@code line} holds a word of the present ("now", "currently", "still", "today", "tonight"). */
    private static boolean presentTense(String line) {
        Matcher m = WORD.matcher(line);
        while (m.find()) {
            if (PRESENT_MARKERS.contains(m.group().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** The context of {@code [start, end)} within a single sentence. */
    public MentionContext contextInSentence(String sentence, int start, int end) {
        SentenceAnalysis a = new SentenceAnalysis(sentence);
        int first = -1;
        int last = -1;
        for (int i = 0; i < a.words.size(); i++) {
            Word w = a.words.get(i);
            if (w.start < end && start < w.end) {
                if (first < 0) {
                    first = i;
                }
                last = i + 1;
            }
        }
        if (first < 0) {
            return MentionContext.AFFIRMED;
        }
        Gathered g = new Gathered();
        for (Match m : a.matches) {
            boolean inside = m.from >= first && m.to <= last;
            if (!inside && m.from < last && first < m.to) {
                // "not present" for the target "present": the trigger reaches into the target
                g.add(m.trigger.effects(), m.phrase);
            }
        }
        List<Scope> scopes = new ArrayList<>(a.scopes(first, last));
        if (last - first >= LONG_TARGET) {
            // a long proximity highlight ("FGM risk assessment completed: parents strongly opposed to FGM")
            // swallows the qualifier that governs it: a trigger inside it counts when its scope reaches
            // the highlight's first or last word
            for (Scope sc : a.scopes(-1, -1)) {
                if (sc.at >= first && sc.at < last
                        && ((sc.from <= first && first < sc.to) || (sc.from < last && last - 1 < sc.to))) {
                    scopes.add(sc);
                }
            }
        }
        for (Scope sc : scopes) {
            if (sc.from < last && first < sc.to) {
                g.add(sc.effects, sc.phrase);
            }
        }
        return g.context(a.experiencer(first, last));
    }

    private static boolean isYear(String w) {
        return YEAR.matcher(w).matches() || YEAR_RANGE.matcher(w).matches();
    }

    /** The last year a year or span of years names ("2021-22" -> 2022). */
    private static int lastYear(String w) {
        Matcher r = YEAR_RANGE.matcher(w);
        if (!r.matches()) {
            return Integer.parseInt(w);
        }
        String end = r.group(2);
        return end.length() == 4 ? Integer.parseInt(end) : Integer.parseInt(r.group(1).substring(0, 2) + end);
    }

    private record Word(int start, int end, String lower, boolean gluedToNext) {
    }

    private record Match(int from, int to, Trigger trigger, String phrase) {
    }

    /** @param at the first word of the trigger that opened the scope (-1 for one opened by punctuation) */
    private record Scope(int from, int to, Set<Trigger.Effect> effects, String phrase, int at) {
        int mask() {
            return (effects.contains(Trigger.Effect.NEGATED) ? 1 : 0)
                    | (effects.contains(Trigger.Effect.UNCERTAIN) ? 2 : 0)
                    | (effects.contains(Trigger.Effect.HISTORICAL) ? 4 : 0)
                    | (effects.contains(Trigger.Effect.HYPOTHETICAL) ? 8 : 0);
        }
    }

    /** Words, triggers and scopes of one sentence. */
    private final class SentenceAnalysis {
        final String text;
        final List<Word> words = new ArrayList<>();
        final List<Match> matches = new ArrayList<>();
        final boolean[] terminator;
        private final Function<String, List<Trigger>> lookup;

        /** A sentence read with the triggers that apply inside it. */
        SentenceAnalysis(String text) {
            this(text, catalogue::startingWith);
        }

        /** @param lookup the triggers to find, by first word (in-sentence, {@code previous} or {@code heading} ones) */
        SentenceAnalysis(String text, Function<String, List<Trigger>> lookup) {
            this.text = text;
            this.lookup = lookup;
            Matcher m = WORD.matcher(text);
            while (m.find()) {
                boolean glued = m.end() < text.length() && !Character.isWhitespace(text.charAt(m.end()));
                words.add(new Word(m.start(), m.end(),
                        m.group().toLowerCase(Locale.ROOT).replace('\u2019', '\''), glued));
            }
            terminator = new boolean[words.size()];
            findTriggers();
        }

        private void findTriggers() {
            int n = words.size();
            int i = 0;
            while (i < n) {
                Match best = null;
                String w = words.get(i).lower;
                List<Trigger> candidates = lookup.apply(w);
                if (!w.isEmpty() && Character.isDigit(w.charAt(0))) {
                    candidates = new ArrayList<>(candidates);
                    if (isYear(w)) {
                        candidates.addAll(lookup.apply("<year>"));
                    }
                    if (NUMBER.matcher(w).matches()) {
                        candidates.addAll(lookup.apply("<num>"));
                    }
                }
                for (Trigger t : candidates) {
                    if (matchesAt(t, i)) {
                        best = new Match(i, i + t.words().size(), t,
                                text.substring(words.get(i).start, words.get(i + t.words().size() - 1).end));
                        break;
                    }
                }
                if (best == null) {
                    i++;
                    continue;
                }
                if (accept(best)) {
                    if (best.trigger.kind() == Trigger.Kind.TERMINATOR) {
                        for (int k = best.from; k < best.to; k++) {
                            terminator[k] = true;
                        }
                    } else if (best.trigger.kind() == Trigger.Kind.MODIFIER) {
                        matches.add(best);
                    }
                    i = best.to; // a pseudo trigger swallows its words
                } else {
                    i++;
                }
            }
            for (int k = 0; k < n; k++) {
                if (SENTENCE_END.contains(words.get(k).lower) && !(isQuestionMark(k) && words.get(k).gluedToNext)) {
                    terminator[k] = true;
                }
            }
        }

        private boolean isQuestionMark(int k) {
            return "?".equals(words.get(k).lower);
        }

        private boolean matchesAt(Trigger t, int i) {
            List<String> tw = t.words();
            if (i + tw.size() > words.size()) {
                return false;
            }
            for (int k = 0; k < tw.size(); k++) {
                String want = tw.get(k);
                String got = words.get(i + k).lower;
                if (want.equals("<year>")) {
                    if (!isYear(got)) {
                        return false;
                    }
                } else if (want.equals("<num>")) {
                    if (!NUMBER.matcher(got).matches()) {
                        return false;
                    }
                } else if (want.equals("<schoolyear>")) {
                    if (!SCHOOL_YEAR.matcher(got).matches()) {
                        return false;
                    }
                } else if (want.equals("*")) {
                    if (!Character.isLetterOrDigit(got.charAt(0))) {
                        return false; // a wildcard stands for a word, never for punctuation
                    }
                } else if (!want.equals(got)) {
                    return false;
                }
            }
            return true;
        }

        private boolean accept(Match m) {
            String first = m.trigger.words().getFirst();
            if (first.equals("should") && m.from > 0
                    && !CLAUSE_OPENERS_FOR_SHOULD.contains(words.get(m.from - 1).lower)
                    && !(m.to < words.size() && (INVERTED_SUBJECTS.contains(words.get(m.to).lower)
                            || Character.isUpperCase(text.charAt(words.get(m.to).start))))) {
                return false; // "mum should attend" is advice, not a condition; "... should Marcus go missing" is one
            }
            for (int k = m.from; k < m.to; k++) {
                String w = words.get(k).lower;
                if (m.trigger.words().contains("<year>") && isYear(w) && lastYear(w) >= referenceYear) {
                    return false;
                }
            }
            if (m.trigger.words().equals(List.of("<year>"))) {
                // a bare past year dates what it stands beside, unless the sentence runs it on into the
                // present ("convicted 2016 ..., now living at the address") or it starts an ongoing span
                if (m.from > 0 && words.get(m.from - 1).lower.equals("since")) {
                    return false;
                }
                for (Word w : words) {
                    if (PRESENT_MARKERS.contains(w.lower)) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** Scopes of all modifier triggers, ignoring those overlapping the words [skipFrom, skipTo). */
        List<Scope> scopes(int skipFrom, int skipTo) {
            List<Scope> out = new ArrayList<>();
            for (Match m : matches) {
                if (skipFrom >= 0 && m.from < skipTo && skipFrom < m.to) {
                    continue; // the target contains this trigger ("no food in the house") or is touched by it
                }
                Trigger t = m.trigger;
                Set<Trigger.Effect> eff = t.effects();
                boolean forward = t.direction() != Trigger.Direction.BACKWARD;
                boolean backward = t.direction() != Trigger.Direction.FORWARD;
                Trigger.Reach reach = t.reach();
                if (t.words().getFirst().equals("should") && m.from > 0 && m.to < words.size()
                        && !CLAUSE_OPENERS_FOR_SHOULD.contains(words.get(m.from - 1).lower)) {
                    backward = true; // "Return interview to be offered should Priya go missing again": all of it is conditional
                }
                if (m.from == 0 && m.to < words.size() && ",".equals(words.get(m.to).lower)) {
                    reach = Trigger.Reach.SENTENCE; // "Reportedly, dad has been staying there."
                }
                if (forward) {
                    int end = forwardEnd(m.to, reach);
                    if (end > m.to) {
                        out.add(new Scope(m.to, end, eff, m.phrase, m.from));
                    } else if (eff.contains(Trigger.Effect.NEGATED) && !backward) {
                        backward = true; // "Drug use - denied." : nothing follows, so look back
                    }
                }
                if (backward) {
                    int begin = backwardStart(m.from, t.reach());
                    if (begin < m.from) {
                        out.add(new Scope(begin, m.from, eff, m.phrase, m.from));
                    }
                }
            }
            addQuestionScopes(out, skipFrom, skipTo);
            addResolutionTails(out);
            return out;
        }

        /**
         * A later clause that says the matter has not recurred ("..., no issues since moving tutor
         * group", "..., settled at placement since", "... and the perpetrator has been out of his life
         * ever since") makes what the sentence said before it history. The clause qualifies when it
         * contains "since" and either ends on it ("since.", "since then", "ever since"), opens with a
         * negative ("no", "none", "nil", "nothing", "not", "never") or names a settled state ("settled",
         * "stable", "clean", "abstinent", "well"...). "Has been drinking since Christmas" does not
         * qualify, and a mention inside the tail clause itself is never reached.
         */
        private void addResolutionTails(List<Scope> out) {
            int n = words.size();
            int clauseStart = 0;
            for (int k = 0; k <= n; k++) {
                boolean boundary = k == n || TAIL_BOUNDARIES.contains(words.get(k).lower) || SENTENCE_END.contains(words.get(k).lower);
                if (!boundary) {
                    continue;
                }
                if (clauseStart > 1 && resolutionTail(clauseStart, k)) {
                    out.add(new Scope(0, clauseStart - 1, EnumSet.of(Trigger.Effect.HISTORICAL), "since", -1));
                }
                clauseStart = k + 1;
            }
        }

        /** Whether the words [from, to) are a clause saying the matter has not happened since. */
        private boolean resolutionTail(int from, int to) {
            int since = -1;
            boolean now = false;
            boolean settled = false;
            for (int k = from; k < to; k++) {
                String w = words.get(k).lower;
                if (w.equals("since")) {
                    since = k;
                }
                now |= w.equals("now");
                settled |= SETTLED_STATES.contains(w);
            }
            if (now && settled) {
                return true; // "..., now settled and thriving with adoptive family", "... but is well now"
            }
            if (since < 0) {
                return false;
            }
            if (since == to - 1 || words.get(since + 1).lower.equals("then")
                    || (since > from && words.get(since - 1).lower.equals("ever"))) {
                return true;
            }
            int open = from;
            if (open < to && words.get(open).lower.equals("with")) {
                open++;
            }
            if (open < to && TAIL_NEGATIVES.contains(words.get(open).lower)) {
                return true;
            }
            return settled;
        }

        private void addQuestionScopes(List<Scope> out, int skipFrom, int skipTo) {
            int n = words.size();
            for (int k = 0; k < n; k++) {
                if (!isQuestionMark(k) || (skipFrom >= 0 && k >= skipFrom && k < skipTo)) {
                    continue;
                }
                if (words.get(k).gluedToNext && k + 1 < n && !isQuestionMark(k + 1)) {
                    // "?NAI", "?query neglect": the next few words are in doubt
                    int end = Math.min(forwardEnd(k + 1, Trigger.Reach.CLAUSE), k + 4);
                    out.add(new Scope(k + 1, end, EnumSet.of(Trigger.Effect.UNCERTAIN), "?", -1));
                } else if (k == n - 1 || terminatorsOnlyAfter(k)) {
                    String opener = words.getFirst().lower;
                    if (INTERROGATIVES.contains(opener)) {
                        // a question the worker asked asserts nothing
                        out.add(new Scope(0, k, EnumSet.of(Trigger.Effect.HYPOTHETICAL), "?", -1));
                    } else {
                        int begin = questionStart(k);
                        if (begin < k) {
                            out.add(new Scope(begin, k, EnumSet.of(Trigger.Effect.UNCERTAIN), "?", -1));
                        }
                    }
                } else if (!words.get(k).gluedToNext) {
                    // "faltering growth or measuring error? reweigh next week": a question mark the
                    // sentence splitter did not end the sentence at still doubts its own clause
                    int begin = questionStart(k);
                    if (begin < k) {
                        out.add(new Scope(begin, k, EnumSet.of(Trigger.Effect.UNCERTAIN), "?", -1));
                    }
                    if (begin == 0 && hedgedQuery(k)) {
                        // "Possible domestic? neighbour heard shouting ...": a short hedged query opening the sentence
                        // doubts what follows it, as a query heading doubts the lines under it
                        out.add(new Scope(k + 1, n, EnumSet.of(Trigger.Effect.UNCERTAIN), "?", -1));
                    }
                }
            }
        }

        /**
         * Whether the words before the question mark at {@code k} are a short hedged query: at most {@value #HEADING_WORDS}
         * words, opened by "?" or holding a doubt of the trigger list ("Possible CSE?", "Possibly a young carer?", "? NAI?"),
         * not opened by an interrogative ("Any concerns?", "Is mum drinking again?": a question asked, which asserts
         * nothing of what follows).
         */
        boolean hedgedQuery(int k) {
            long count = words.subList(0, k).stream().filter(w -> Character.isLetterOrDigit(w.lower.charAt(0))).count();
            if (count == 0 || count > HEADING_WORDS || INTERROGATIVES.contains(words.getFirst().lower)) {
                return false;
            }
            if (isQuestionMark(0)) {
                return true;
            }
            for (Match m : matches) {
                if (m.to <= k && m.trigger.effects().contains(Trigger.Effect.UNCERTAIN)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * First word doubted by the question mark at {@code k}: back to the previous comma, dash, colon
         * or terminator, over "or" and "and", since "faltering growth or measuring error?" doubts both.
         */
        private int questionStart(int k) {
            int j = k - 1;
            while (j >= 0 && !terminator[j] && !QUESTION_BOUNDARIES.contains(words.get(j).lower)) {
                j--;
            }
            return j + 1;
        }

        private boolean terminatorsOnlyAfter(int k) {
            for (int j = k + 1; j < words.size(); j++) {
                if (!SENTENCE_END.contains(words.get(j).lower) && !")".equals(words.get(j).lower)) {
                    return false;
                }
            }
            return true;
        }

        /** Exclusive end word of a forward scope starting at {@code from}. */
        private int forwardEnd(int from, Trigger.Reach reach) {
            int n = words.size();
            int limit = reach == Trigger.Reach.CLAUSE ? Math.min(n, from + CLAUSE_WINDOW) : n;
            int j = from;
            while (j < limit) {
                if (terminator[j]) {
                    break;
                }
                String w = words.get(j).lower;
                if (reach == Trigger.Reach.CLAUSE && CONJUNCTIONS.contains(w) && opensClause(j + 1)) {
                    break;
                }
                j++;
            }
            return j;
        }

        /** First word of a backward scope ending before {@code to}. */
        private int backwardStart(int to, Trigger.Reach reach) {
            int j = to - 1;
            boolean crossed = false;
            while (j >= 0) {
                // a sentence-wide qualifier after a semicolon ("...; unconfirmed.", "...; none since.") reaches back over it
                if (terminator[j] && !(reach == Trigger.Reach.SENTENCE && ";".equals(words.get(j).lower))) {
                    if (reach == Trigger.Reach.SENTENCE && !crossed && anaphoricTail(j, to)) {
                        crossed = true; // "..., which turned out to be ...", "..., but grandmother disputes this"
                        j--;
                        continue;
                    }
                    break;
                }
                String w = words.get(j).lower;
                if (reach == Trigger.Reach.CLAUSE && CONJUNCTIONS.contains(w) && !shortListItemBefore(j)) {
                    break;
                }
                j--;
            }
            return j + 1;
        }

        /**
         * Whether the clause that the terminator at {@code k} opens, up to the qualifier at {@code to},
         * points back at what came before it: it is "which" itself, or holds "this", "that", "it" or
         * "these" within {@link #TAIL_REACH} words ("..., which on closer enquiry turned out to be ...",
         * "..., though this has not been seen ...", "..., but grandmother disputes this"). Such a
         * qualifier governs the earlier clause, so it crosses that one terminator and no other.
         */
        private boolean anaphoricTail(int k, int to) {
            if (to - k > TAIL_REACH) {
                return false;
            }
            if (words.get(k).lower.equals("which")) {
                return true;
            }
            int end = Math.min(words.size(), to + 2); // "disputes this": the pronoun may follow the trigger's verb
            for (int j = k + 1; j < end; j++) {
                if (ANAPHORS.contains(words.get(j).lower)) {
                    return true;
                }
                if (j >= to && (SENTENCE_END.contains(words.get(j).lower) || terminator[j])) {
                    break;
                }
            }
            return false;
        }

        /** Whether the word at {@code k} starts a new clause (after a comma or conjunction). */
        private boolean opensClause(int k) {
            if (k >= words.size()) {
                return true;
            }
            String w = words.get(k).lower;
            if (PRONOUN_SUBJECTS.contains(w) || CLAUSE_VERBS.contains(w)) {
                return true;
            }
            if (NOUN_SUBJECTS.contains(w) || Character.isUpperCase(text.charAt(words.get(k).start))) {
                if (k + 1 < words.size() && looksLikeThirdPersonVerb(words.get(k + 1).lower)) {
                    return true; // "... and mum refuses vaccinations"
                }
                for (int j = k + 1; j < Math.min(words.size(), k + 5); j++) {
                    String v = words.get(j).lower;
                    if (CONJUNCTIONS.contains(v) || terminator[j]) {
                        return false;
                    }
                    if (FINITE.contains(v)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean looksLikeThirdPersonVerb(String w) {
            return w.length() > 3 && (w.endsWith("es") || w.endsWith("ed")) && !w.endsWith("'s");
        }

        /**
         * Whether the words before the comma or conjunction at {@code j} form a short list item
         * ("bruising, burns or marks were not seen"), so a backward scope goes on through it.
         */
        private boolean shortListItemBefore(int j) {
            int count = 0;
            for (int k = j - 1; k >= 0; k--) {
                String w = words.get(k).lower;
                if (CONJUNCTIONS.contains(w) || terminator[k]) {
                    break;
                }
                if (FINITE.contains(w) || PRONOUN_SUBJECTS.contains(w) || CLAUSE_VERBS.contains(w)) {
                    return false;
                }
                count++;
            }
            return count > 0 && count <= 3;
        }

        /** The nearest experiencer cue before the words [first, last) within their clause. */
        Experiencer experiencer(int first, int last) {
            for (int k = first - 1; k >= 0; k--) {
                if (terminator[k]) {
                    break;
                }
                Experiencer e = cue(k);
                if (e != null) {
                    return e;
                }
            }
            for (int k = first; k < last; k++) {
                Experiencer e = cue(k);
                if (e != null) {
                    return e;
                }
            }
            return Experiencer.UNSTATED;
        }

        Experiencer cue(int k) {
            String w = words.get(k).lower;
            if ((w.equals("person") || w.equals("people")) && k > 0 && words.get(k - 1).lower.equals("young")) {
                return Experiencer.CHILD; // "the young person", the usual term for a teenager
            }
            if (PARENT_CUES.contains(w)) {
                return Experiencer.PARENT;
            }
            if (CHILD_CUES.contains(w)) {
                return Experiencer.CHILD;
            }
            if (OTHER_CUES.contains(w)) {
                return Experiencer.OTHER;
            }
            return null;
        }
    }
}
