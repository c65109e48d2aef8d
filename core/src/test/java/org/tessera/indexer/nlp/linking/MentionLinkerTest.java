package org.tessera.indexer.nlp.linking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MentionLinkerTest {

    private final MentionLinker linker = new MentionLinker();

    private final List<KnownPerson> household = List.of(
            new KnownPerson("p-mum", "Elizabeth", "Cooper", List.of("Walsh")),
            new KnownPerson("p-dad", "Darren", "Cooper"),
            new KnownPerson("p-kai", "Kai", "Cooper"),
            new KnownPerson("p-kayden", "Kayden", "Cooper"),
            new KnownPerson("p-nan", "Margaret", "Walsh"));

    private String linked(String mention) {
        List<MentionLink> links = linker.link(List.of(new PersonMention(mention, 0, mention.length())), household);
        return links.isEmpty() ? null : links.getFirst().personId();
    }

    @Test
    void fullNamesLinkEvenWithTyposAndPoliceOrder() {
        assertThat(linked("Darren Cooper")).isEqualTo("p-dad");
        assertThat(linked("Daren Coopper")).isEqualTo("p-dad");
        assertThat(linked("COOPER, Darren")).isEqualTo("p-dad");
    }

    @Test
    void nicknamesAndOtherNamesLink() {
        assertThat(linked("Liz Cooper")).isEqualTo("p-mum");
        assertThat(linked("Lizzie")).isEqualTo("p-mum");
        assertThat(linked("Elizabeth Walsh")).isEqualTo("p-mum");
    }

    @Test
    void aFirstNameAloneLinksOnlyWhenItPicksOutOneMember() {
        assertThat(linked("Margaret")).isEqualTo("p-nan");
        assertThat(linked("Kai")).isEqualTo("p-kai");
        assertThat(linked("Kayden's")).isEqualTo("p-kayden");
        List<KnownPerson> twoSarahs = List.of(new KnownPerson("a", "Sarah", "Hill"), new KnownPerson("b", "Sarah", "Hall"));
        assertThat(linker.link(List.of(new PersonMention("Sarah", 0, 5)), twoSarahs)).isEmpty();
    }

    @Test
    void aTitleWithAFamilyNameLinksWhenTheFamilyNameIsUnique() {
        assertThat(linked("Mr Cooper")).isNull(); // four Coopers: ambiguous
        assertThat(linked("Mrs Walsh")).isNull(); // nan, and mum's previous name
        List<KnownPerson> twoFamilies = List.of(new KnownPerson("x", "Jane", "Hill"), new KnownPerson("y", "Tom", "Reed"));
        assertThat(linker.link(List.of(new PersonMention("Mrs Hill", 0, 8)), twoFamilies))
                .extracting(MentionLink::personId).containsExactly("x");
    }

    @Test
    void strangersAreNotLinked() {
        assertThat(linked("Tomasz Nowak")).isNull();
        assertThat(linked("Wayne")).isNull();
    }

    @Test
    void confidenceAndBasisAreReported() {
        MentionLink l = linker.link(List.of(new PersonMention("Darren Cooper", 10, 23)), household).getFirst();
        assertThat(l.confidence()).isBetween(0.95, 1.0);
        assertThat(l.basis()).isEqualTo("full name");
        assertThat(l.mention().start()).isEqualTo(10);
    }
}
