package org.tessera.portal.search;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user typed into the one search box, taken apart: postcodes (whole or partial), dates of
 * birth (UK or ISO, or a year alone) and the remaining words (names, address words or words from
 * notes). Pure.
 */
public record SearchText(String raw, List<String> words, List<String> postcodes, List<LocalDate> dates, List<Integer> years) {

    // Outward code (TC1, TC14, AB1C) optionally followed by a whole or partial inward code (4, 4A, 4AB).
    private static final Pattern POSTCODE = Pattern.compile(
            "(?i)\\b([A-Z]{1,2}[0-9][A-Z0-9]?)(?:\\s*([0-9][A-Z]{0,2}))?\\b");
    private static final Pattern UK_DATE = Pattern.compile("\\b(\\d{1,2})[/.\\-](\\d{1,2})[/.\\-](\\d{4})\\b");
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    private static final Pattern YEAR = Pattern.compile("\\b(19\\d{2}|20\\d{2})\\b");

    public SearchText {
        words = List.copyOf(words);
        postcodes = List.copyOf(postcodes);
        dates = List.copyOf(dates);
        years = List.copyOf(years);
    }

    public static SearchText parse(String input) {
        String rest = input == null ? "" : input.trim();
        List<LocalDate> dates = new ArrayList<>();
        rest = extract(rest, ISO_DATE, m -> date(m.group(1) + "-" + m.group(2) + "-" + m.group(3), dates));
        rest = extract(rest, UK_DATE, m -> date(String.format(Locale.ROOT, "%s-%02d-%02d", m.group(3),
                Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1))), dates));
        List<Integer> years = new ArrayList<>();
        rest = extract(rest, YEAR, m -> years.add(Integer.parseInt(m.group(1))));
        List<String> postcodes = new ArrayList<>();
        rest = extract(rest, POSTCODE, m -> postcodes.add((m.group(1) + (m.group(2) == null ? "" : " " + m.group(2))).toUpperCase(Locale.ROOT)));
        List<String> words = new ArrayList<>();
        for (String word : rest.split("[\\s,;]+")) {
            String cleaned = word.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
            if (!cleaned.isEmpty()) {
                words.add(cleaned);
            }
        }
        return new SearchText(input == null ? "" : input.trim(), words, postcodes, dates, years);
    }

    public boolean isEmpty() {
        return words.isEmpty() && postcodes.isEmpty() && dates.isEmpty() && years.isEmpty();
    }

    public String wordsText() {
        return String.join(" ", words);
    }

    private static void date(String iso, List<LocalDate> into) {
        try {
            into.add(LocalDate.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE));
        } catch (DateTimeParseException e) {
            // Not a real date (31/02/2010): leave it out rather than fail the search.
        }
    }

    private static String extract(String text, Pattern pattern, java.util.function.Consumer<Matcher> sink) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder rest = new StringBuilder();
        while (matcher.find()) {
            sink.accept(matcher);
            matcher.appendReplacement(rest, " ");
        }
        matcher.appendTail(rest);
        return rest.toString();
    }
}
