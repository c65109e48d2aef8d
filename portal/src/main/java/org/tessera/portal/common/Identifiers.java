package org.tessera.portal.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A person's identifiers in the words a practitioner uses ("NHS number 943 476 5919", "Police
 * reference P-1001"), never the index's field names ({@code source_ids: police:P-1001}).
 */
public final class Identifiers {

    private static final Map<String, String> FIELDS = Map.of(
            "nhs_number", "NHS number", "upn", "UPN (unique pupil number)", "pnc", "PNC number",
            "ni_number", "National Insurance number", "crn", "Probation case reference (CRN)",
            "source_person_id", "Agency reference");

    /** Source-name prefixes (of {@code source:id}) to the kind of record they are, first match wins. */
    private static final List<Map.Entry<String, String>> SOURCES = List.of(
            Map.entry("police", "Police reference"), Map.entry("probation", "Probation case reference"),
            Map.entry("health_ae", "A&E attendance number"), Map.entry("health_visiting", "Health visiting record"),
            Map.entry("health", "Health record number"), Map.entry("education_attendance", "School attendance record"),
            Map.entry("education_exclusions", "School exclusion record"), Map.entry("education", "School record"),
            Map.entry("csc", "Children's social care reference"), Map.entry("social_care", "Children's social care reference"),
            Map.entry("housing", "Housing reference"));

    private Identifiers() {
    }

    /** Every identifier of a person document's {@code identifiers} object, in plain words, in a stable order. */
    public static List<String> plain(JsonNode identifiers) {
        List<String> lines = new ArrayList<>();
        identifiers.fields().forEachRemaining(field -> {
            for (String value : Json.strings(field.getValue())) {
                lines.add(plain(field.getKey(), value));
            }
        });
        lines.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        return lines;
    }

    /** One identifier in plain words. */
    public static String plain(String field, String value) {
        if ("source_ids".equals(field)) {
            int colon = value.indexOf(':');
            if (colon > 0) {
                return sourceLabel(value.substring(0, colon)) + " " + value.substring(colon + 1);
            }
            return "Agency reference " + value;
        }
        if ("nhs_number".equals(field) && value.replace(" ", "").length() == 10) {
            String digits = value.replace(" ", "");
            return "NHS number " + digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6);
        }
        String label = FIELDS.get(field);
        return (label == null ? field.replace('_', ' ') : label) + " " + value;
    }

    private static String sourceLabel(String source) {
        String s = source.toLowerCase(Locale.ROOT);
        for (var entry : SOURCES) {
            if (s.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        return source.replace('_', ' ') + " reference";
    }

    /** NHS number, UPN and PNC first: the identifiers that confirm identity across agencies. */
    private static int rank(String line) {
        return line.startsWith("NHS number") ? 0 : line.startsWith("UPN") ? 1 : line.startsWith("PNC") ? 2 : 3;
    }
}
