package org.tessera.indexer.synthetic.notes;

import org.tessera.indexer.nlp.EntityType;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Composes practitioner-voice notes from fragments: an opener, neutral observations, the
 * requested indicator sentences (affirmed, negated, hypothetical, historical or hedged), an
 * optional history line and a closing line. Spelling slips are added to template words but never
 * to names or to the cue phrase, so annotations stay exact. Thread-safe: all state is passed in.
 */
public record NoteComposer(FragmentBank bank, TemplateSet set) {
    public static final double TYPO_RATE = 0.025;
    private static final String[] MOODS = {"settled", "quiet", "withdrawn", "chatty", "tired", "a bit flat", "happy",
        "anxious", "unsettled", "cheerful", "subdued", "polite"};
    private static final DateTimeFormatter[] DATE_FORMATS = {
        DateTimeFormatter.ofPattern("dd/MM/yyyy"), DateTimeFormatter.ofPattern("d/M/yy"),
        DateTimeFormatter.ofPattern("dd.MM.yy"), DateTimeFormatter.ofPattern("d MMMM", Locale.UK),
        DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK), DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.UK),
        DateTimeFormatter.ofPattern("dd/MM/yy")};

    /**
     * @param family   note family: police, health_ae, hv, school, csc, housing, probation
     * @param mentions indicator sentences to include, in order
     * @param neutral  number of neutral observation sentences
     */
    public ComposedNote compose(SplittableRandom rng, NoteContext ctx, String family, List<Mention> mentions,
                                int neutral) {
        Builder b = new Builder(rng, ctx);
        if (rng.nextInt(10) < 9) {
            b.sentence(pick(rng, bank.fragments("opener." + family, set)), null);
        }
        List<String> body = bank.fragments("body." + family, set);
        int remaining = neutral;
        for (Mention m : mentions) {
            if (remaining > 0 && rng.nextBoolean()) {
                b.sentence(pick(rng, body), null);
                remaining--;
            }
            b.sentence(pick(rng, bank.phrases(m.indicatorId(), m.cue(), set, family)), m);
        }
        for (; remaining > 0; remaining--) {
            b.sentence(pick(rng, body), null);
        }
        if (rng.nextInt(12) == 0) {
            b.sentence(pick(rng, bank.fragments("history", set)), null);
        }
        if (rng.nextInt(10) < 8) {
            b.sentence(pick(rng, bank.fragments("close." + family, set)), null);
        }
        return b.build();
    }

    /** A note made only of one template (used for document bodies and letters). */
    public ComposedNote single(SplittableRandom rng, NoteContext ctx, String template) {
        Builder b = new Builder(rng, ctx);
        b.sentence(template, null);
        return b.build();
    }

    private static String pick(SplittableRandom rng, List<String> list) {
        return list.get(rng.nextInt(list.size()));
    }

    private final class Builder {
        private final SplittableRandom rng;
        private final NoteContext ctx;
        private final StringBuilder sb = new StringBuilder(256);
        private final List<Span> spans = new ArrayList<>();
        private final List<CueMention> cues = new ArrayList<>();

        Builder(SplittableRandom rng, NoteContext ctx) {
            this.rng = rng;
            this.ctx = ctx;
        }

        void sentence(String template, Mention mention) {
            if (!sb.isEmpty()) {
                sb.append(rng.nextInt(15) == 0 ? "  " : " ");
            }
            int cueStart = -1;
            int i = 0;
            while (i < template.length()) {
                if (template.startsWith("[[", i)) {
                    cueStart = sb.length();
                    i += 2;
                } else if (template.startsWith("]]", i)) {
                    if (mention != null && cueStart >= 0) {
                        cues.add(new CueMention(mention.indicatorId(), mention.cue(), cueStart, sb.length(),
                                sb.substring(cueStart)));
                    }
                    cueStart = -1;
                    i += 2;
                } else if (template.charAt(i) == '{') {
                    int close = template.indexOf('}', i);
                    slot(template.substring(i + 1, close));
                    i = close + 1;
                } else {
                    int next = nextSpecial(template, i);
                    literal(template.substring(i, next), cueStart >= 0);
                    i = next;
                }
            }
        }

        private int nextSpecial(String t, int from) {
            for (int j = from; j < t.length(); j++) {
                char c = t.charAt(j);
                if (c == '{' || (c == '[' && t.startsWith("[[", j)) || (c == ']' && t.startsWith("]]", j))) {
                    return j;
                }
            }
            return t.length();
        }

        private void literal(String text, boolean protectedText) {
            if (protectedText) {
                sb.append(text);
                return;
            }
            Map<String, List<String>> miss = bank.misspellings();
            int i = 0;
            while (i < text.length()) {
                int j = i;
                while (j < text.length() && Character.isLetter(text.charAt(j))) {
                    j++;
                }
                if (j > i) {
                    String word = text.substring(i, j);
                    List<String> wrong = miss.get(word);
                    if (wrong != null && rng.nextDouble() < TYPO_RATE * 2) {
                        sb.append(wrong.get(rng.nextInt(wrong.size())));
                    } else if (word.length() > 5 && rng.nextDouble() < TYPO_RATE / 5) {
                        int k = 1 + rng.nextInt(word.length() - 2);
                        sb.append(word, 0, k).append(word.charAt(k + 1)).append(word.charAt(k))
                                .append(word, k + 2, word.length());
                    } else {
                        sb.append(word);
                    }
                    i = j;
                } else {
                    sb.append(text.charAt(i));
                    i++;
                }
            }
        }

        private void entity(String text, EntityType type) {
            int s = sb.length();
            sb.append(text);
            spans.add(new Span(s, sb.length(), type));
        }

        private void person(String given, String family, String fallback, boolean kinWordsAllowed) {
            if (given == null) {
                sb.append(fallback);
                return;
            }
            int r = rng.nextInt(20);
            if (kinWordsAllowed && r < 11) {
                sb.append(r < 7 ? fallback : r < 9 ? capitalise(fallback) : fallback.equals("mum") ? "mother"
                        : fallback.equals("dad") ? "father" : fallback);
                return;
            }
            if (family == null || r < 15) {
                entity(given, EntityType.PERSON);
            } else if (r < 18) {
                entity(given + " " + (rng.nextInt(3) == 0 ? family.toUpperCase(Locale.ROOT) : family), EntityType.PERSON);
            } else {
                sb.append(fallback.equals("dad") ? "Mr " : fallback.equals("mum") ? "Ms " : "");
                entity(family, EntityType.PERSON);
            }
        }

        private void slot(String name) {
            switch (name) {
                case "child" -> {
                    if (ctx.childFamily() != null && rng.nextInt(8) == 0) {
                        entity(ctx.childGiven() + " " + ctx.childFamily(), EntityType.PERSON);
                    } else {
                        entity(ctx.childGiven(), EntityType.PERSON);
                    }
                }
                case "child_full" -> entity(ctx.childGiven() + " "
                        + (rng.nextInt(4) == 0 ? ctx.childFamily().toUpperCase(Locale.ROOT) : ctx.childFamily()),
                        EntityType.PERSON);
                case "mum" -> person(ctx.mumGiven(), ctx.mumFamily(), "mum", true);
                case "mum_name" -> person(ctx.mumGiven(), ctx.mumFamily(), "mum", false);
                case "dad" -> person(ctx.dadGiven(), ctx.dadFamily(), "dad", true);
                case "dad_name" -> person(ctx.dadGiven(), ctx.dadFamily(), "dad", false);
                case "partner" -> person(ctx.partnerGiven(), ctx.partnerFamily(), "partner", true);
                case "partner_name" -> {
                    if (ctx.partnerGiven() != null) {
                        person(ctx.partnerGiven(), ctx.partnerFamily(), "partner", false);
                    } else {
                        person(ctx.dadGiven(), ctx.dadFamily(), "dad", false);
                    }
                }
                case "sibling" -> {
                    if (ctx.siblingGiven() != null) {
                        entity(ctx.siblingGiven(), EntityType.PERSON);
                    } else {
                        sb.append("cousin");
                    }
                }
                case "worker" -> entity(ctx.workerName(), EntityType.PERSON);
                case "school" -> entity(ctx.school(), EntityType.ORGANISATION);
                case "gp" -> entity(ctx.gp(), EntityType.ORGANISATION);
                case "hospital" -> entity(ctx.hospital(), EntityType.ORGANISATION);
                case "service" -> {
                    String s = ctx.service();
                    if (s.startsWith("the ")) {
                        sb.append("the ");
                        s = s.substring(4);
                    }
                    entity(s, EntityType.ORGANISATION);
                }
                case "address" -> entity(ctx.address(), EntityType.LOCATION);
                case "town" -> entity(ctx.town(), EntityType.LOCATION);
                case "outtown" -> entity(ctx.outOfAreaTown(), EntityType.LOCATION);
                case "date" -> entity(formatDate(ctx.date().minusDays(rng.nextInt(10))), EntityType.DATE);
                case "year" -> entity(String.valueOf(ctx.historicalYear()), EntityType.DATE);
                case "he" -> sb.append(ctx.childMale() ? "he" : "she");
                case "He" -> sb.append(ctx.childMale() ? "He" : "She");
                case "his" -> sb.append(ctx.childMale() ? "his" : "her");
                case "His" -> sb.append(ctx.childMale() ? "His" : "Her");
                case "him" -> sb.append(ctx.childMale() ? "him" : "her");
                case "mood" -> sb.append(MOODS[rng.nextInt(MOODS.length)]);
                default -> throw new IllegalStateException("unknown note slot {" + name + "}");
            }
        }

        private String formatDate(LocalDate d) {
            return d.format(DATE_FORMATS[rng.nextInt(DATE_FORMATS.length)]);
        }

        ComposedNote build() {
            return new ComposedNote(sb.toString(), spans, cues);
        }
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
