package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.households.HouseholdTimeline;
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.normalise.Nicknames;

class PersonProfileTest {

    private static final Nicknames NICKNAMES = Nicknames.uk();

    private static PersonProfile seen(List<String[]> relationsInOrder) {
        PersonProfile profile = new PersonProfile("p-child");
        profile.add(new InvolvedPerson("subject", "Mia", "Ali", List.of(), null, "f", null, null, Map.of()),
                "csc_contacts", "social_care", LocalDate.of(2025, 3, 1), true);
        relationsInOrder.forEach(r -> profile.relate(r[0], r[1]));
        return profile;
    }

    private static ObjectNode document(PersonProfile profile) {
        return profile.toDocument(HouseholdTimeline.none(), Optional.empty(), NICKNAMES);
    }

    @Test
    void aRelationSeenMostOftenWinsWhicheverRecordCameFirst() {
        String[] asMother = {"p-adult", "mother"};
        String[] asCarer = {"p-adult", "carer"};
        ObjectNode carerFirst = document(seen(List.of(asCarer, asMother, asMother)));
        ObjectNode motherFirst = document(seen(List.of(asMother, asCarer, asMother)));

        assertThat(carerFirst).isEqualTo(motherFirst);
        assertThat(carerFirst.path("relations").get(0).path("relation").asText()).isEqualTo("mother");
    }

    @Test
    void aTieBetweenRelationsIsSettledByNameNotByArrival() {
        ObjectNode a = document(seen(List.of(new String[] {"p-adult", "mother"}, new String[] {"p-adult", "carer"})));
        ObjectNode b = document(seen(List.of(new String[] {"p-adult", "carer"}, new String[] {"p-adult", "mother"})));

        assertThat(a).isEqualTo(b);
        assertThat(a.path("relations").get(0).path("relation").asText()).isEqualTo("carer");
    }

    @Test
    void aRelationWithoutARoleStaysUnnamed() {
        ObjectNode doc = document(seen(List.<String[]>of(new String[] {"p-adult", null})));

        assertThat(doc.path("relations").get(0).path("person_id").asText()).isEqualTo("p-adult");
        assertThat(doc.path("relations").get(0).path("relation").isNull()).isTrue();
    }
}
