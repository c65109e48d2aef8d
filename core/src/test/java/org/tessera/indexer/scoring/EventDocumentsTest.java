package org.tessera.indexer.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EventDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsPeopleHitsAndTheDatePartOfADateTime() throws Exception {
        RiskEvent event = EventDocuments.parse(JSON.readTree("""
                {"event_id":"police:1","event_date":"2025-03-02T21:15:00","agency":"police","record_type":"incident",
                 "people":[{"person_id":"c","is_child":true,"household_id":"h","age_years":7.5},{"person_id":"a","role":"parent"}],
                 "hits":[{"indicator_id":"PAR01","indicator_version":2,"severity":"M","weight":4.5,"person_ids":"c"},
                         {"indicator_id":"NEG02","counts":false,"context":"negated"},
                         {"severity":"high"}]}"""), "fallback").orElseThrow();
        assertThat(event.date()).isEqualTo(LocalDate.parse("2025-03-02"));
        assertThat(event.people()).extracting(RiskEvent.Participant::personId, RiskEvent.Participant::child)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c", true), org.assertj.core.groups.Tuple.tuple("a", false));
        assertThat(event.hits()).hasSize(2);
        RiskEvent.Hit first = event.hits().getFirst();
        assertThat(first.indicatorVersion()).isEqualTo(2);
        assertThat(first.weight()).isEqualTo(4.5);
        assertThat(first.counts()).as("a hit without the flag counts").isTrue();
        assertThat(first.personIds()).containsExactly("c");
        assertThat(event.hits().get(1).counts()).isFalse();
    }

    @Test
    void anEventWithoutAReadableDateIsLeftOutNotGuessed() throws Exception {
        assertThat(EventDocuments.parse(JSON.readTree("{\"event_id\":\"x\",\"event_date\":\"02/03/2025\"}"), null)).isEmpty();
        assertThat(EventDocuments.parse(JSON.readTree("{\"event_id\":\"x\"}"), null)).isEmpty();
        assertThat(EventDocuments.parse(JSON.readTree("{\"event_date\":\"2025-03-02\"}"), "from-_id").orElseThrow().eventId())
                .isEqualTo("from-_id");
    }
}
