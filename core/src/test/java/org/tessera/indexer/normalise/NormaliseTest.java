package org.tessera.indexer.normalise;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NormaliseTest {
    private final Nicknames nicknames = Nicknames.uk();

    @Test
    void normalisesCaseAccentsApostrophesHyphensAndTitles() {
        assertThat(Names.normalise("  Mrs ZOË  O'Brien ")).isEqualTo("zoe obrien");
        assertThat(Names.normalise("Dr. Siân Ní Bhriain")).isEqualTo("sian ni bhriain");
        assertThat(Names.parts("Smith-Jones")).containsExactly("smith", "jones");
        assertThat(Names.compact("Smith-Jones")).isEqualTo(Names.compact("smith jones")).isEqualTo("smithjones");
        assertThat(Names.normalise("O’Neill")).isEqualTo("oneill");
        assertThat(Names.normalise("Mr")).isNull();
        assertThat(Names.firstGiven("Mary-Jane Louise")).isEqualTo("mary");
    }

    @Test
    void recognisesPlaceholderNamesOfUnnamedNewborns() {
        assertThat(Names.isPlaceholderGivenName("Baby")).isTrue();
        assertThat(Names.isPlaceholderGivenName("Twin 2")).isTrue();
        assertThat(Names.isPlaceholderGivenName("Baby Boy B")).isTrue();
        assertThat(Names.isPlaceholderGivenName("Unborn")).isTrue();
        assertThat(Names.isPlaceholderGivenName("Sienna")).isFalse();
        assertThat(Names.isPlaceholderGivenName("Babette")).isFalse();
        assertThat(Names.isPlaceholderGivenName("Twin A")).isTrue();
        // A one-letter given name is an initial (Amy Sarri written "A Sarri"), not an unnamed newborn.
        assertThat(Names.isPlaceholderGivenName("A")).isFalse();
        assertThat(Names.isPlaceholderGivenName("I")).isFalse();
        assertThat(Names.isPlaceholderGivenName("2")).isFalse();
        assertThat(Names.isPlaceholderGivenName(null)).isFalse();
    }

    @Test
    void knowsUkNicknamesBothWaysButNotAcrossGroups() {
        assertThat(nicknames.size()).isGreaterThan(300);
        assertThat(nicknames.equivalent("william", "bill")).isTrue();
        assertThat(nicknames.equivalent("liam", "william")).isTrue();
        assertThat(nicknames.equivalent("peggy", "margaret")).isTrue();
        assertThat(nicknames.equivalent("chris", "christine")).isTrue();
        assertThat(nicknames.equivalent("christopher", "christine")).isFalse();
        assertThat(nicknames.equivalent("samuel", "samantha")).isFalse();
        assertThat(nicknames.equivalent("bill", "robert")).isFalse();
    }

    @Test
    void parsesAndSplitsUkPostcodes() {
        UkPostcode p = UkPostcode.parse(" sw1a1aa").orElseThrow();
        assertThat(p.formatted()).isEqualTo("SW1A 1AA");
        assertThat(p.area()).isEqualTo("SW");
        assertThat(p.district()).isEqualTo("SW1A");
        assertThat(p.sector()).isEqualTo("SW1A 1");
        assertThat(UkPostcode.parse("NR1  3QU").orElseThrow().outward()).isEqualTo("NR1");
        assertThat(UkPostcode.parse("M1 1AE").orElseThrow().inward()).isEqualTo("1AE");
        assertThat(UkPostcode.parse("2119")).isEmpty();
        assertThat(UkPostcode.parse("NR1 3Q")).isEmpty();
        assertThat(UkPostcode.parse(null)).isEmpty();
    }

    @Test
    void checksNhsNumbersByModulus11() {
        assertThat(NhsNumber.isValid("943 476 5919")).isTrue();
        assertThat(NhsNumber.isValid("4010232137")).isTrue();
        assertThat(NhsNumber.isValid("9434765918")).isFalse();   // wrong check digit
        assertThat(NhsNumber.isValid("943476591")).isFalse();    // nine digits
        assertThat(NhsNumber.isValid("0000000000")).isFalse();   // placeholder
        assertThat(NhsNumber.checkDigit("943476591")).isEqualTo(9);
    }

    @Test
    void checksUpnCheckLetters() {
        assertThat(Upn.isValid("H801200001001")).isTrue();
        assertThat(Upn.isValid("h801 2000 01001")).isTrue();
        assertThat(Upn.isValid("A801200001001")).isFalse();
        assertThat(Upn.isValid("H80120000100")).isFalse();
        String twelve = "93620161234" + "A";                      // temporary UPN ends in a letter
        assertThat(Upn.isValid(Upn.checkLetter(twelve) + twelve)).isTrue();
    }

    @Test
    void keepsInvalidIdentifiersButMarksThemUntrusted() {
        CheckedIdentifier bad = CheckedIdentifier.check("nhs_number", "943 476 5918");
        assertThat(bad.value()).isEqualTo("9434765918");
        assertThat(bad.trusted()).isFalse();
        assertThat(CheckedIdentifier.check("nhs_number", "9434765919").trusted()).isTrue();
        assertThat(CheckedIdentifier.check("pnc", "86/123456x").trusted()).isTrue();
        assertThat(CheckedIdentifier.check("pnc", "123456").trusted()).isFalse();
        assertThat(CheckedIdentifier.check("source_person_id", " p-77 ").value()).isEqualTo("P-77");
    }
}
