package org.tessera.indexer.indicators.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which words become a concept's anchors: said by two writers or more, seldom elsewhere, no digits. */
class AnchorVocabularyTest {

    private static final List<String> CONCEPTS = List.of("self_harm", "neglect");

    private static ConcernClassifierTrainer.Example item(String id, String text, String concern, String context) {
        return new ConcernClassifierTrainer.Example(new ConcernItem(id, text, concern, context, null, null, null), new float[0], true,
                new double[CONCEPTS.size()]);
    }

    @Test
    void aWordOfTheConceptFromTwoWritersIsAnAnchorARoutineWordOrOneWritersWordIsNot() {
        List<ConcernClassifierTrainer.Example> train = new ArrayList<>();
        train.add(item("A-1", "Fresh cuts on her arms, seen on 12/03.", "self_harm", "affirmed"));
        train.add(item("B-1", "She cut her arms again at home on 12/03; Tegan's mum told the visit.", "self_harm", "affirmed"));
        train.add(item("A-2", "No cuts seen at the visit.", "self_harm", "negated"));
        train.add(item("A-3", "The home visit went well.", "none", "affirmed"));
        train.add(item("B-2", "Visit to the home: mould in the kitchen.", "neglect", "affirmed"));
        train.add(item("NEGATIVE-N-1", "Routine visit: arms of the sofa repaired.", "none", "affirmed"));

        List<Set<String>> anchors = AnchorVocabulary.learn(train, CONCEPTS, 0.6);

        // "cuts"/"cut" are two stems each said once; "arms" by A and B, once elsewhere (2 of 3 = 0.67)
        assertThat(anchors.get(0)).contains("arms", "her").doesNotContain("tegan", "12", "03", "visit", "home", "cuts", "cut");
        assertThat(anchors.get(1)).isEmpty(); // neglect's words come from one writer only
        assertThat(AnchorVocabulary.learn(train, CONCEPTS, 0.7).get(0)).doesNotContain("arms").contains("her");
    }
}
