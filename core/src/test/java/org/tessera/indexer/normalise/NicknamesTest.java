package org.tessera.indexer.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One nickname table for the record linker and the case-note mention linker: every pair the
 * mention linker knew from its own table (kept as a fixture) is equivalent in the case-note reading
 * of the shared one, and the record linker reads exactly the groups it read before.
 */
class NicknamesTest {

    private final Nicknames nicknames = Nicknames.forCaseNotes();

    @Test
    void everyPairOfTheMentionLinkersFormerTableIsEquivalent() throws IOException {
        List<String> missing = new ArrayList<>();
        int pairs = 0;
        try (InputStream in = NicknamesTest.class.getResourceAsStream("/normalise/mention-linker-nicknames-before-merge.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                for (String formal : fields[1].split("\\s*,\\s*")) {
                    pairs++;
                    String nick = fields[0].trim();
                    if (!nick.equals(formal.trim()) && !nicknames.equivalent(nick, formal.trim())) {
                        missing.add(nick + "~" + formal);
                    }
                }
            }
        }
        assertThat(pairs).isGreaterThan(100);
        assertThat(missing).isEmpty();
    }

    @Test
    void theRecordLinkersGroupsHoldBothWays() {
        assertThat(nicknames.equivalent("bill", "william")).isTrue();
        assertThat(nicknames.equivalent("william", "liam")).isTrue();
        assertThat(nicknames.equivalent("bill", "liam")).isTrue();
        assertThat(nicknames.equivalent("abbie", "abigail")).isTrue();
    }

    /** Forms a county's records write for adults (issue #18): each joins its full name and only it. */
    @Test
    void theRecordLinkerKnowsTheCountysShortForms() {
        Nicknames linkage = Nicknames.uk();
        assertThat(linkage.equivalent("bex", "rebecca")).isTrue();
        assertThat(linkage.equivalent("vikki", "victoria")).isTrue();
        assertThat(linkage.equivalent("lea", "leanne")).isTrue();
        assertThat(linkage.equivalent("lea", "leah")).isTrue();
        assertThat(linkage.equivalent("leah", "leanne")).isFalse();
        assertThat(linkage.equivalent("jody", "jodie")).isTrue();
        assertThat(linkage.equivalent("jodi", "jodie")).isTrue();
        assertThat(linkage.equivalent("jodie", "joseph")).isFalse();
    }

    @Test
    void aNicknameOfTwoFormalNamesDoesNotJoinThem() {
        assertThat(nicknames.equivalent("kez", "kerry")).isTrue();
        assertThat(nicknames.equivalent("kez", "kieran")).isTrue();
        assertThat(nicknames.equivalent("kerry", "kieran")).isFalse();
        assertThat(nicknames.equivalent("ria", "maria")).isTrue();
        assertThat(nicknames.equivalent("maria", "victoria")).isFalse();
    }

    @Test
    void theRecordLinkerDoesNotReadTheCaseNoteForms() {
        Nicknames linkage = Nicknames.uk();
        assertThat(linkage.equivalent("gabby", "gabriella")).isFalse();
        assertThat(linkage.equivalent("kez", "kieran")).isFalse();
        assertThat(linkage.equivalent("bill", "william")).isTrue();
        assertThat(nicknames.size()).isGreaterThan(linkage.size());
    }
}
