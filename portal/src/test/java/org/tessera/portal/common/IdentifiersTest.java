package org.tessera.portal.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void identifiersReadInPlainWordsWithTheNationalOnesFirst() {
        var identifiers = Json.parse("""
                {"source_ids": ["education_attendance:140233-569036", "police:P-1001", "csc_referrals:R77"],
                 "upn": ["A123456789012"], "nhs_number": ["9434765919"], "pnc": ["2009/0123456X"]}""");

        assertThat(Identifiers.plain(identifiers)).containsExactly(
                "NHS number 943 476 5919", "UPN (unique pupil number) A123456789012", "PNC number 2009/0123456X",
                "School attendance record 140233-569036", "Police reference P-1001", "Children's social care reference R77");
    }

    @Test
    void anUnknownSourceStillReadsAsAReference() {
        assertThat(Identifiers.plain("source_ids", "youth_offending:Y-9")).isEqualTo("youth offending reference Y-9");
        assertThat(Identifiers.plain("passport", "123")).isEqualTo("passport 123");
    }
}
