package org.tessera.indexer.nlp.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.EntityType;

/** Each rule around the entity model, on model output written by hand (no model loaded). */
class PersonNameRulesTest {

    private final PersonNameRules rules = PersonNameRules.standard();

    private static EntityMention person(String text, String name) {
        int start = text.indexOf(name);
        return EntityMention.of(EntityType.PERSON, text, start, start + name.length());
    }

    private List<String> persons(String text, EntityMention... model) {
        return rules.apply(text, List.of(model)).stream()
                .filter(m -> m.type() == EntityType.PERSON).map(EntityMention::text).toList();
    }

    @Test
    void anUpperCaseSurnameJoinsTheGivenNameBeforeIt() {
        String text = "On arrival IP Rhiannon LLOYD (DOB 03/02/1994) was crying.";
        assertThat(persons(text, person(text, "Rhiannon"))).containsExactly("Rhiannon LLOYD");
    }

    @Test
    void surnameCommaForenameIsOneNameEvenWhenTheModelTookOnlyTheForename() {
        String text = "Named persons on log:\nCARTWRIGHT, Dean - suspect\nLLOYD, Mason - child - DOB 11/06/2019";
        assertThat(persons(text, person(text, "Mason"))).containsExactly("CARTWRIGHT, Dean", "LLOYD, Mason");
    }

    @Test
    void surnameThenForenameInUpperCaseFirst() {
        String text = "DC Hughes spoke with HOLLIS Craig at the address.";
        assertThat(persons(text, person(text, "Craig"))).contains("HOLLIS Craig");
    }

    @Test
    void hyphenatedNamesAreWholeAndInitialsStayWithTheSurname() {
        String text = "Pt Lily-Grace HOWARD brought in. Seen by Dr S. Baptiste, paeds reg.";
        assertThat(persons(text, person(text, "Grace"), person(text, "Baptiste")))
                .containsExactly("Lily-Grace HOWARD", "S. Baptiste");
    }

    @Test
    void drugsConditionsKitAndOpenersAreNotPeople() {
        String text = "Backslab applied. Diazepam 5mg found. Also on Pregabalin. Found at address. Calpol/Nurofen as needed.";
        assertThat(persons(text, person(text, "Backslab"), person(text, "Diazepam"), person(text, "Pregabalin"),
                person(text, "Found"), person(text, "Calpol/Nurofen"))).isEmpty();
    }

    @Test
    void streetsWardsAndPlacesAfterInAreNotPeople() {
        String text = "Door knocks on Lincoln Road negative. Admit to Rainbow Ward. Moving in with partner in Smethwick.";
        assertThat(persons(text, person(text, "Lincoln Road"), person(text, "Rainbow"), person(text, "Smethwick")))
                .isEmpty();
    }

    @Test
    void aSurnameThatCanHeadAPlaceStillFollowsAKnownGivenName() {
        String text = "Handover: Bed 4 - Maisie Ward, NAI query.";
        assertThat(persons(text)).containsExactly("Maisie Ward");
    }

    @Test
    void namesAfterATitleRankOrRoleAreFoundWithoutTheModel() {
        String text = "Checked by PC 2291 Okafor. Mum Shauna intoxicated. Discussed with SPO Linda Marsh.";
        assertThat(persons(text)).containsExactly("Okafor", "Shauna", "Linda Marsh");
    }

    @Test
    void roleWordsTitlesAndTrailingAbbreviationsAreTrimmed() {
        String text = "Baby Ibrahim (9 days) seen. Courtney Lewis DOB 12/10/2001. Pc Ahmed 2291 attended.";
        assertThat(persons(text, person(text, "Baby Ibrahim"), person(text, "Lewis DOB"), person(text, "Ahmed 2291")))
                .containsExactly("Ibrahim", "Courtney Lewis", "Ahmed");
    }

    @Test
    void aKnownGivenNameOpeningASentenceIsAPersonButAnAmbiguousOneNeedsACue() {
        String text = "Demi arrived 09:48. Summer holidays start soon. Devon CLARKE turns 18.";
        assertThat(persons(text)).containsExactly("Demi", "Devon CLARKE");
    }

    @Test
    void aPossessiveStaysOutsideAndANicknameInQuotesStaysInside() {
        String text = "Visited Ms Joanne Platt's address. Stop search on Tyrese \"TY\" CAMPBELL today.";
        assertThat(persons(text, person(text, "Tyrese"))).containsExactly("Joanne Platt", "Tyrese \"TY\" CAMPBELL");
    }

    @Test
    void otherEntityTypesAreKeptAndNeverOverlapped() {
        String text = "Attends Florence Nightingale Ward today.";
        EntityMention ward = EntityMention.of(EntityType.LOCATION, text, 8, 32);
        assertThat(rules.apply(text, List.of(ward))).containsExactly(ward);
    }
}
