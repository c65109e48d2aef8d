package org.tessera.indexer.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Names of every script keep their letters; Latin accents fold for matching and stay for display. */
class NamesInEveryScriptTest {

    @Test
    void arabicAndHebrewNamesKeepTheirLettersAndLoseOnlyOptionalVowelPoints() {
        assertThat(Names.normalise("محمد علي")).isEqualTo("محمد علي");
        assertThat(Names.normalise("مُحَمَّد")).isEqualTo("محمد");
        assertThat(Names.normalise("مـحـمد")).isEqualTo("محمد"); // tatweel
        assertThat(Names.normalise("דָּוִד כֹּהֵן")).isEqualTo("דוד כהן");
        assertThat(Names.parts("Ахмед-Иванов")).containsExactly("ахмед", "иванов");
        assertThat(Names.normalise("Йовна")).isEqualTo("йовна");
        assertThat(Names.normalise("王秀英")).isEqualTo("王秀英");
    }

    @Test
    void latinAccentsAndLettersFoldForMatching() {
        assertThat(Names.normalise("Łukasz Wójcik-Żak")).isEqualTo("lukasz wojcik zak");
        assertThat(Names.normalise("Nguyễn Văn Đức")).isEqualTo("nguyen van duc");
        assertThat(Names.normalise("Zoë O'Brien")).isEqualTo("zoe obrien");
        assertThat(Names.normalise("Mr John SMITH")).isEqualTo("john smith");
    }

    @Test
    void theDisplayFormKeepsTheSpellingAndIsTheKeyForAsciiNames() {
        assertThat(Names.display("Zoë")).isEqualTo("zoë");
        assertThat(Names.display("Mrs Nguyễn Thị Đào")).isEqualTo("nguyễn thị đào");
        assertThat(Names.display("مُحَمَّد")).isEqualTo("مُحَمَّد");
        for (String ascii : new String[] {"Mr John SMITH", "O'Brien", "Smith-Jones", "baby boy", "Mary Ann  McDonald"}) {
            assertThat(Names.display(ascii)).isEqualTo(Names.normalise(ascii));
        }
    }
}
