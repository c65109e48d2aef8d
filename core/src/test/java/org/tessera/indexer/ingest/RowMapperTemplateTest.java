package org.tessera.indexer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RowMapperTemplateTest {

    /** The regular expressions the template tidying replaced, kept here as the reference. */
    private static String tidiedByRegex(String raw) {
        String s = Pattern.compile("\\s+").matcher(raw).replaceAll(" ");
        return Pattern.compile("^[\\s,;:/-]+|[\\s,;:/-]+$").matcher(s).replaceAll("");
    }

    @Test
    void tidiesATitleAsTheRegularExpressionsDid() {
        for (String raw : new String[] {"", " ", "-", " , ", "Attendance 2024 :  %", "  Contact from source \t Police  ",
                "{x} - ", "- a -", "a\u000Bb\fc\r\nd", "a\u00A0b", "/a/", "a  -  b", "::x::", "x"}) {
            assertThat(RowMapper.tidyTemplate(raw)).as("'%s'", raw).isEqualTo(tidiedByRegex(raw));
        }
    }

    @Test
    void agreesWithTheRegularExpressionsOnRandomStrings() {
        String alphabet = "ab ,;:/-\t\n\r\f\u000B\u00A0%()";
        Random random = new Random(7);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder raw = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(RowMapper.tidyTemplate(raw)).as("'%s'", raw).isEqualTo(tidiedByRegex(raw.toString()));
        }
    }
}
