package org.tessera.portal.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.TestIndices;
import org.tessera.portal.search.SearchResults.FacetValue;
import org.tessera.portal.search.SearchResults.PersonResult;
import org.tessera.portal.search.SearchResults.RecordResult;

/** The one-box search over the fixture county in the real OpenSearch. */
@SpringBootTest
@AutoConfigureMockMvc
@WithMockUser(username = "searcher", roles = "PRACTITIONER")
class SearchServiceIT {

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        TestIndices.register(registry);
    }

    @Autowired
    SearchService search;
    @Autowired
    OpenSearchConnection connection;

    private org.tessera.portal.audit.ReadPurpose.Scope purpose;

    @BeforeEach
    void fixtures() {
        TestIndices.loadFixtures(connection);
        purpose = org.tessera.portal.audit.ReadPurpose.scope("search tests");
    }

    @org.junit.jupiter.api.AfterEach
    void unbindPurpose() {
        purpose.close();
    }

    private java.util.List<String> people(String text, SearchFilter filter) {
        search.search(text, filter);
        return search.people(text, filter, 0, 10).stream().map(PersonResult::personId).toList();
    }

    @Test
    void aMisspeltFirstNameAndAPartialPostcodeFindTheChildFirst() {
        assertThat(people("Jaydon TC1", SearchFilter.NONE)).first().isEqualTo("p-jayden");
    }

    @Test
    void aNicknameFindsThePersonThroughTheStoredVariants() {
        assertThat(people("Millie", SearchFilter.NONE)).containsExactly("p-amelia");
    }

    @Test
    void beginningsOfNamesAreEnough() {
        assertThat(people("Jay Smi", SearchFilter.NONE)).contains("p-jayden");
    }

    @Test
    void aUkDateOfBirthFindsEveryoneBornThatDay() {
        assertThat(people("14/03/2015", SearchFilter.NONE)).containsExactlyInAnyOrder("p-jayden", "p-jaiden-dup");
    }

    @Test
    void aWholePostcodeWithoutItsSpaceStillMatches() {
        assertThat(people("tc14ab", SearchFilter.NONE)).contains("p-jayden", "p-kelly").doesNotContain("p-amelia", "p-oliver");
    }

    @Test
    void wordsFromNotesFindRecordsWithHighlightedSnippets() {
        search.search("hiding bedroom", SearchFilter.NONE);
        RecordResult record = search.records("hiding bedroom", SearchFilter.NONE, 0, 10).getFirst();
        assertThat(record.eventId()).isEqualTo("ev-police-2");
        assertThat(record.snippets()).anySatisfy(s -> assertThat(s).contains("<mark class=\"evidence\">hiding</mark>"));
    }

    @Test
    void facetsCountAgenciesAndAFacetNarrowsTheRecords() {
        SearchResults.Summary summary = search.search("Jayden", SearchFilter.NONE);
        assertThat(summary.facets().get("agency")).extracting(FacetValue::value)
                .contains("police", "health", "education", "social_care");
        assertThat(search.records("Jayden", SearchFilter.NONE.with(SearchFilter.Facet.AGENCY, "health"), 0, 10))
                .extracting(RecordResult::agency).containsOnly("health").isNotEmpty();
    }

    @Test
    void theAgeBandFacetFiltersPeopleByTheirDateOfBirth() {
        assertThat(people("Smith", SearchFilter.NONE.with(SearchFilter.Facet.AGE_BAND, "11-15"))).contains("p-jayden").doesNotContain("p-kelly");
        assertThat(people("Smith", SearchFilter.NONE.with(SearchFilter.Facet.AGE_BAND, "18+"))).contains("p-kelly").doesNotContain("p-jayden");
    }
}
