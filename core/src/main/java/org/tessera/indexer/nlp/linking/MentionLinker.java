package org.tessera.indexer.nlp.linking;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.tessera.indexer.normalise.Nicknames;

/**
 * Links people named in a note to known people (usually the household of the record's
 * subject) by name similarity: Jaro-Winkler on given and family names, nicknames ("Liz" for
 * Elizabeth), a title with a family name ("Mrs Smith"), and a first name alone when it
 * picks out one member of the household.
 *
 * <p>A mention is linked only when the best candidate scores at or above the threshold and
 * clearly beats the runner-up; an ambiguous mention stays unlinked rather than guessed.
 * Thread-safe and immutable.
 */
public final class MentionLinker {

    /** Linker configuration. */
    public record Settings(double threshold, double margin) {
        public Settings {
            if (threshold <= 0 || threshold > 1 || margin < 0 || margin >= 1) {
                throw new IllegalArgumentException("bad linker settings: threshold " + threshold + ", margin " + margin);
            }
        }

        public static Settings defaults() {
            return new Settings(0.85, 0.04);
        }
    }

    private static final Set<String> TITLES = Set.of(
            "mr", "mrs", "ms", "miss", "mx", "dr", "master", "mstr", "prof", "rev", "sir");

    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();

    private final Settings settings;
    private final Nicknames nicknames;

    /** Default settings and the shipped nickname table with its case-note forms ({@link Nicknames#forCaseNotes()}). */
    public MentionLinker() {
        this(Settings.defaults(), Nicknames.forCaseNotes());
    }

    public MentionLinker(Settings settings, Nicknames nicknames) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nicknames = Objects.requireNonNull(nicknames, "nicknames");
    }

    /** Links the PERSON mentions of an analysed note. */
    public List<MentionLink> link(org.tessera.indexer.nlp.analysis.TextAnalysis analysis, List<KnownPerson> candidates) {
        return link(analysis.entities(org.tessera.indexer.nlp.EntityType.PERSON).stream()
                .map(PersonMention::of).toList(), candidates);
    }

    /** Links each mention that resolves, in mention order; unresolved mentions are left out. */
    public List<MentionLink> link(List<PersonMention> mentions, List<KnownPerson> candidates) {
        List<MentionLink> out = new ArrayList<>();
        for (PersonMention m : mentions) {
            Name name = Name.parse(m.text());
            if (name == null) {
                continue;
            }
            String bestId = null;
            double best = 0;
            double second = 0;
            String basis = "";
            for (KnownPerson p : candidates) {
                Scored s = score(name, p);
                if (s.score > best) {
                    second = best;
                    best = s.score;
                    bestId = p.id();
                    basis = s.basis;
                } else if (s.score > second) {
                    second = s.score;
                }
            }
            if (bestId != null && best >= settings.threshold() && best - second >= settings.margin()) {
                out.add(new MentionLink(m, bestId, Math.min(1.0, best), basis));
            }
        }
        return List.copyOf(out);
    }

    private record Scored(double score, String basis) {
    }

    private Scored score(Name mention, KnownPerson p) {
        Scored best = scoreAgainst(mention, normalise(p.givenName()), normalise(p.familyName()));
        for (String other : p.otherNames()) {
            Name alias = Name.parse(other);
            if (alias == null) {
                continue;
            }
            List<String[]> readings = alias.last == null
                    // a single other name is either a given name or a previous family name
                    ? List.of(new String[] {alias.first, normalise(p.familyName())},
                              new String[] {normalise(p.givenName()), alias.first})
                    : List.<String[]>of(new String[] {alias.first, alias.last});
            for (String[] r : readings) {
                Scored s = scoreAgainst(mention, r[0], r[1]);
                if (s.score > best.score) {
                    best = new Scored(s.score, s.basis + " (other name)");
                }
            }
        }
        return best;
    }

    private Scored scoreAgainst(Name mention, String given, String family) {
        if (mention.last != null) {
            double g = givenSimilarity(mention.first, given);
            double f = family.isEmpty() ? 0 : JW.apply(mention.last, family);
            // Family names carry more identity than given names in a household; both must agree.
            double s = 0.45 * g + 0.55 * f;
            if (g < 0.75 || f < 0.8) {
                s *= 0.8;
            }
            return new Scored(s, g >= 0.999 && f >= 0.999 ? "full name"
                    : isNickname(mention.first, given) ? "nickname and family name" : "similar full name");
        }
        String single = mention.first;
        if (mention.titled) {
            // "Mrs Smith": a title points at a family name
            double f = family.isEmpty() ? 0 : JW.apply(single, family);
            return new Scored(f * 0.95, "title and family name");
        }
        double g = givenSimilarity(single, given);
        return new Scored(g * 0.95, isNickname(single, given) ? "nickname, first name only" : "first name only");
    }

    private double givenSimilarity(String mention, String given) {
        if (given.isEmpty()) {
            return 0;
        }
        if (mention.equals(given)) {
            return 1.0;
        }
        if (isNickname(mention, given)) {
            return 0.97;
        }
        if (mention.length() == 1) {
            return given.startsWith(mention) ? 0.85 : 0;
        }
        return JW.apply(mention, given);
    }

    private boolean isNickname(String a, String b) {
        return nicknames.equivalent(a, b);
    }

    static String normalise(String s) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return n.toLowerCase(Locale.ROOT).replaceAll("['\u2019]s\\b", "").replaceAll("[^a-z ]", "")
                .replaceAll("\\s+", " ").trim();
    }

    /** A mention split into first and last name, titles removed. */
    private record Name(String first, String last, boolean titled) {
        static Name parse(String raw) {
            String text = raw.strip();
            // "SMITH, Sarah" as police systems write it
            int comma = text.indexOf(',');
            if (comma > 0) {
                text = text.substring(comma + 1) + " " + text.substring(0, comma);
            }
            List<String> parts = new ArrayList<>(List.of(normalise(text).split(" ")));
            parts.removeIf(String::isEmpty);
            boolean titled = false;
            while (!parts.isEmpty() && TITLES.contains(parts.getFirst())) {
                parts.removeFirst();
                titled = true;
            }
            if (parts.isEmpty()) {
                return null;
            }
            if (parts.size() == 1) {
                return new Name(parts.getFirst(), null, titled);
            }
            return new Name(parts.getFirst(), parts.getLast(), titled);
        }
    }
}
