package org.tessera.indexer.synthetic.notes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.tessera.indexer.synthetic.population.Gazetteer;
import org.tessera.indexer.synthetic.population.NameBank;
import org.tessera.indexer.synthetic.population.Organisations;
import org.tessera.indexer.synthetic.population.Sex;

/**
 * NER training and evaluation text: a deterministic stream of practitioner notes with entity
 * annotations, from one template family. {@code new NoteCorpus(seed, TemplateSet.TRAINING)} and
 * {@code new NoteCorpus(seed2, TemplateSet.HELD_OUT)} never share a phrasing. Thread-safe; each
 * note depends only on (seed, index).
 */
public final class NoteCorpus {
    private static final String[] FAMILIES = {"police", "police_missing", "police_youth", "health_ae", "hv",
        "hv_noaccess", "clinic", "school", "encompass", "csc", "housing", "probation"};
    private final long seed;
    private final NoteComposer composer;
    private final NameBank names = new NameBank();
    private final Organisations orgs = new Organisations();
    private final Gazetteer gazetteer;
    private final List<String> affirmed;
    private final List<Mention> distractors = new ArrayList<>();

    public NoteCorpus(long seed, TemplateSet set) {
        this.seed = seed;
        FragmentBank bank = new FragmentBank();
        this.composer = new NoteComposer(bank, set);
        this.gazetteer = new Gazetteer(seed);
        this.affirmed = bank.indicatorsWith(Cue.AFFIRMED);
        for (Cue c : List.of(Cue.NEGATED, Cue.HYPOTHETICAL, Cue.HISTORICAL, Cue.HEDGED)) {
            bank.indicatorsWith(c).forEach(id -> distractors.add(new Mention(id, c)));
        }
    }

    public Stream<NoteWithAnnotations> notes(long count) {
        return composed(count).map(ComposedNote::annotations);
    }

    /** Notes with their indicator cue phrases too (for negation-detection tests). */
    public Stream<ComposedNote> composed(long count) {
        return LongStream.range(0, count).mapToObj(this::note);
    }

    public ComposedNote note(long index) {
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        boolean male = rng.nextBoolean();
        int childYear = 2008 + rng.nextInt(18);
        String family = names.surname(rng);
        var addr = gazetteer.randomAddress(rng);
        LocalDate date = LocalDate.of(2023, 1, 1).plusDays(rng.nextInt(1200));
        boolean partner = rng.nextInt(3) == 0;
        String partnerFamily = names.surname(rng);
        NoteContext ctx = new NoteContext(names.given(male ? Sex.MALE : Sex.FEMALE, childYear, rng), family, male,
                names.given(Sex.FEMALE, childYear - 27, rng), rng.nextBoolean() ? family : names.surname(rng),
                names.given(Sex.MALE, childYear - 29, rng), family,
                partner ? names.given(Sex.MALE, childYear - 30, rng) : null, partner ? partnerFamily : null,
                names.given(rng.nextBoolean() ? Sex.MALE : Sex.FEMALE, childYear + 2, rng),
                names.given(Sex.FEMALE, 1985, rng) + " " + names.surname(rng),
                orgs.schoolFor(addr.district(), 5 + rng.nextInt(11), rng.nextLong(1000)).name(),
                orgs.gpFor(addr.district(), rng), orgs.hospital(rng), orgs.service(rng), addr.line1(), addr.town(),
                orgs.outOfAreaTown(rng), date, date.getYear() - 1 - rng.nextInt(6));
        List<Mention> mentions = new ArrayList<>();
        for (int i = 0, n = rng.nextInt(3); i < n; i++) {
            mentions.add(Mention.affirmed(affirmed.get(rng.nextInt(affirmed.size()))));
        }
        if (rng.nextInt(4) == 0) {
            mentions.add(distractors.get(rng.nextInt(distractors.size())));
        }
        return composer.compose(rng, ctx, FAMILIES[rng.nextInt(FAMILIES.length)], mentions, 1 + rng.nextInt(3));
    }
}
