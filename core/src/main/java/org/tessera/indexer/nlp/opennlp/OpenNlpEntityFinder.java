package org.tessera.indexer.nlp.opennlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.TokenNameFinder;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.Span;
import org.tessera.indexer.nlp.EntityFinder;
import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.EntityType;
import org.tessera.indexer.nlp.Sentence;
import org.tessera.indexer.nlp.SentenceSplitter;
import org.tessera.indexer.nlp.TextTokenizer;
import org.tessera.indexer.nlp.Token;

/**
 * Person, location and organisation mentions from Tessera's trained OpenNLP name-finder model.
 *
 * <p>Thread-safe: the name finder keeps per-document adaptive state, so each thread has its
 * own finder over the shared model, and the adaptive data is cleared at each new text. The
 * finder is {@link ExactBeamNameDecoder}, which gives {@link NameFinderME}'s spans for less
 * work, or {@code NameFinderME} itself for a model the decoder does not cover.
 */
public final class OpenNlpEntityFinder implements EntityFinder {

    private final SentenceSplitter sentences;
    private final TextTokenizer tokenizer;
    private final ThreadLocal<TokenNameFinder> finder;

    public OpenNlpEntityFinder(OpenNlpModels models) {
        this(new OpenNlpSentenceSplitter(models), new OpenNlpTokenizer(models), models.entityModel());
    }

    public OpenNlpEntityFinder(
            SentenceSplitter sentences, TextTokenizer tokenizer, Supplier<TokenNameFinderModel> model) {
        this.sentences = Objects.requireNonNull(sentences, "sentences");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(model, "model");
        this.finder = ThreadLocal.withInitial(() -> newFinder(model.get()));
    }

    private static TokenNameFinder newFinder(TokenNameFinderModel model) {
        return ExactBeamNameDecoder.supports(model) ? new ExactBeamNameDecoder(model) : new NameFinderME(model);
    }

    @Override
    public List<EntityMention> find(String text) {
        List<Sentence> split = sentences.split(text);
        List<List<Token>> tokens = new ArrayList<>(split.size());
        for (Sentence s : split) {
            tokens.add(tokenizer.tokenize(s.text()));
        }
        return find(text, split, tokens);
    }

    private static final Set<String> TITLES = Set.of(
            "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "pc", "ds", "dc", "sgt", "sw", "rev", "nurse");

    private static boolean isPunctuation(String word) {
        return word.chars().noneMatch(Character::isLetterOrDigit);
    }

    private static boolean isTitle(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return TITLES.contains(w.endsWith(".") ? w.substring(0, w.length() - 1) : w);
    }

    /**
     * Finds mentions given sentences already split and tokenised (token offsets relative to
     * their sentence), so a pipeline tokenises once.
     */
    public List<EntityMention> find(String text, List<Sentence> split, List<List<Token>> tokens) {
        if (split.size() != tokens.size()) {
            throw new IllegalArgumentException("one token list per sentence expected");
        }
        TokenNameFinder me = finder.get();
        me.clearAdaptiveData();
        List<EntityMention> out = new ArrayList<>();
        for (int i = 0; i < split.size(); i++) {
            Sentence s = split.get(i);
            List<Token> toks = tokens.get(i);
            if (toks.isEmpty()) {
                continue;
            }
            String[] words = new String[toks.size()];
            for (int t = 0; t < words.length; t++) {
                words[t] = toks.get(t).text();
            }
            for (Span span : me.find(words)) {
                int first = span.getStart();
                EntityType type = EntityType.fromModelName(span.getType());
                // Titles stay outside a person span so that linking compares names only.
                while (type == EntityType.PERSON && first < span.getEnd() - 1 && isTitle(words[first])) {
                    first++;
                }
                int start = s.start() + toks.get(first).start();
                int last = span.getEnd() - 1;
                while (last > first && isPunctuation(words[last])) {
                    last--;
                }
                int end = s.start() + toks.get(last).end();
                EntityMention previous = out.isEmpty() ? null : out.getLast();
                if (previous != null && previous.type() == type && previous.end() < start
                        && text.substring(previous.end(), start).equals(" ")) {
                    // "Mia" "Ali" tagged as two people side by side is one full name.
                    out.set(out.size() - 1, EntityMention.of(type, text, previous.start(), end));
                } else {
                    out.add(EntityMention.of(type, text, start, end));
                }
            }
        }
        me.clearAdaptiveData();
        return List.copyOf(out);
    }
}
