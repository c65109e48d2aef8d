package org.tessera.indexer.synthetic;

import org.tessera.indexer.normalise.NhsNumber;
import org.tessera.indexer.normalise.Upn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.synthetic.population.IdentifierGenerator;

class IdentifierGeneratorTest {
    @Test
    void nhsCheckDigitMatchesThePublishedExample() {
        // 943 476 5919 is the example number of NHS Digital's modulus 11 description.
        assertThat(NhsNumber.checkDigit("943476591")).isEqualTo(9);
        assertThat(NhsNumber.isValid("943 476 5919")).isTrue();
        assertThat(NhsNumber.isValid("9434765918")).isFalse();
    }

    @Test
    void generatedNhsNumbersAreValidAndUniquePerPersonKey() {
        Set<String> seen = new HashSet<>();
        for (long key = 0; key < 200_000; key += 7) {
            String nhs = IdentifierGenerator.nhsNumber(key);
            assertThat(NhsNumber.isValid(nhs)).as(nhs).isTrue();
            assertThat(seen.add(nhs)).as("duplicate %s", nhs).isTrue();
        }
    }

    @Test
    void corruptedIdentifiersFailTheirChecks() {
        String nhs = IdentifierGenerator.nhsNumber(12345);
        assertThat(NhsNumber.isValid(IdentifierGenerator.corruptNhsNumber(nhs))).isFalse();
        String upn = IdentifierGenerator.upn(12345, 2019);
        assertThat(Upn.isValid(IdentifierGenerator.corruptUpn(upn))).isFalse();
    }

    @Test
    void upnCheckLetterFollowsTheDfeWeightsModulo23() {
        // Digits 2..13 weighted 2..13 sum to 321; 321 mod 23 = 22, the last letter of the table
        // (which skips I, O and S): Z.
        String body = "201101234567";
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (body.charAt(i) - '0') * (i + 2);
        }
        assertThat(Upn.checkLetter(body)).isEqualTo("ABCDEFGHJKLMNPQRTUVWXYZ".charAt(sum % 23));
        assertThat(Upn.checkLetter(body)).isEqualTo('Z');
        String upn = IdentifierGenerator.upn(4242, 2020);
        assertThat(upn).hasSize(13).matches("[A-HJ-NP-RT-Z]\\d{12}");
        assertThat(Upn.isValid(upn)).isTrue();
    }

    @Test
    void admissionNumbersAreUniqueWithinASchoolAtCountyScale() {
        // Person keys are household * 32 + slot: a full county reaches ~3 million, and keys a
        // million apart used to share one admission number in the same school.
        for (String urn : new String[] {"999001", "999123"}) {
            Set<String> seen = new HashSet<>();
            for (long key = 0; key < 3_000_000; key += 3) {
                assertThat(seen.add(IdentifierGenerator.admissionNumber(key, urn))).as("duplicate for key %d", key).isTrue();
            }
        }
        // Keys below a million keep their six-digit numbers, so smaller counties are unchanged.
        assertThat(IdentifierGenerator.admissionNumber(12_345, "999001"))
                .isEqualTo(String.format("%06d", Math.floorMod(12_345 * 7 + "999001".hashCode(), 1_000_000)));
    }

    @Test
    void pncIdsAreUniquePerYearBeyondAMillionKeys() {
        Set<String> seen = new HashSet<>();
        for (long key = 0; key < 3_000_000; key += 3) {
            assertThat(seen.add(IdentifierGenerator.pnc(key, 2019))).as("duplicate for key %d", key).isTrue();
        }
    }

    @Test
    void probationCaseNumbersAreUniqueBeyondAMillionKeysAndUnchangedBelow() {
        Set<String> seen = new HashSet<>();
        for (long key = 0; key < 3_000_000; key += 3) {
            assertThat(seen.add(IdentifierGenerator.crn(key))).as("duplicate for key %d", key).isTrue();
        }
        assertThat(IdentifierGenerator.crn(12_345)).isEqualTo("X" + String.format("%06d", 12_345 * 31 % 1_000_000));
        assertThat(IdentifierGenerator.crn(1_012_345)).matches("Y\\d{6}");
    }
}
