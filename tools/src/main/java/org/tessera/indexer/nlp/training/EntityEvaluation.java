package org.tessera.indexer.nlp.training;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.EntityType;

/**
 * Scores an entity finder against gold notes: a prediction counts only when type, start and
 * end all match a gold mention (the strict CoNLL measure).
 */
public final class EntityEvaluation {

    private final Map<EntityType, int[]> counts = new EnumMap<>(EntityType.class);
    private final List<String> sampleErrors = new ArrayList<>();

    public static EntityEvaluation of(List<AnnotatedNote> notes, Function<String, List<EntityMention>> finder) {
        EntityEvaluation e = new EntityEvaluation();
        for (AnnotatedNote note : notes) {
            e.add(note, finder.apply(note.text()));
        }
        return e;
    }

    void add(AnnotatedNote note, List<EntityMention> predicted) {
        Set<EntityMention> gold = new HashSet<>(note.entities());
        Set<EntityMention> pred = new HashSet<>(predicted);
        for (EntityMention p : pred) {
            int[] c = counts.computeIfAbsent(p.type(), t -> new int[3]);
            if (gold.contains(p)) {
                c[0]++;
            } else {
                c[1]++;
                recordError("FP", p);
            }
        }
        for (EntityMention g : gold) {
            if (!pred.contains(g)) {
                counts.computeIfAbsent(g.type(), t -> new int[3])[2]++;
                recordError("FN", g);
            }
        }
    }

    private void recordError(String kind, EntityMention m) {
        if (sampleErrors.size() < 40) {
            sampleErrors.add(kind + " " + m.type() + " \"" + m.text() + "\"");
        }
    }

    public EntityScore score(EntityType type) {
        int[] c = counts.getOrDefault(type, new int[3]);
        return new EntityScore(type, c[0], c[1], c[2]);
    }

    public List<EntityScore> scores() {
        List<EntityScore> out = new ArrayList<>();
        for (EntityType t : EntityType.values()) {
            out.add(score(t));
        }
        return out;
    }

    public EntityScore micro(Set<EntityType> types) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (EntityType t : types) {
            EntityScore s = score(t);
            tp += s.truePositives();
            fp += s.falsePositives();
            fn += s.falseNegatives();
        }
        return new EntityScore(EntityType.PERSON, tp, fp, fn);
    }

    public List<String> sampleErrors() {
        return List.copyOf(sampleErrors);
    }

    public String markdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| type | gold | TP | FP | FN | precision | recall | F1 |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (EntityScore s : scores()) {
            sb.append(s.markdownRow()).append('\n');
        }
        return sb.toString();
    }
}
