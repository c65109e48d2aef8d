package org.tessera.indexer.synthetic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.tessera.indexer.ingest.ExtractReader;
import org.tessera.indexer.ingest.RowResult;
import org.tessera.indexer.ingest.SourceMapping;
import org.tessera.indexer.ingest.SourceMappings;

/**
 * {@code tessera generate --deltas N}: turns a generated county ({@code OUT/data}, the final data)
 * into what a MASH receives over its last N days (docs/synthetic-data.md, "Daily deltas"):
 * <ul>
 *   <li>{@code OUT/history/}: every record dated up to N days before the end, with
 *       {@code feed.json} as of that day (the documents too, whole);</li>
 *   <li>{@code OUT/deltas/DATE/}: per delta source (the shipped mappings' {@code feed: delta}) the
 *       records dated that day, one file per source file (a header alone on a quiet day); the snapshot
 *       sources deliver their whole extract on day 2 (so the other days are deltas alone);</li>
 *   <li>a tombstone: one history record of the first delta source is withdrawn on day 5 (and is
 *       taken out of {@code OUT/data}, so the final data is what remains);</li>
 *   <li>a merge: day 12 brings a record that joins two persons the history holds apart (a mother
 *       and, under a new family name, a tenant at her child's postcode: {@link PlantedMerge});</li>
 *   <li>{@code OUT/deltas/schedule.txt}: the order the folders arrive in and what must become of
 *       each: day 9 arrives twice (the second a replay: skipped), day 11 arrives before day 10
 *       (a date gap: refused, then delivered again in order), and a late re-sent day 15 with
 *       different content arrives after day 20 (out of order: refused).</li>
 * </ul>
 * Rows are split by their record's event date as the source's mapping reads it, copying the
 * physical lines, so every file keeps its agency's layout. Deterministic.
 */
public final class DeltaSplitter {

    /** Days of a {@code --deltas} run with a special arrival (1-based). */
    static final int REPLAYED_DAY = 9, EARLY_DAY = 11, TOMBSTONE_DAY = 5, LATE_DAY = 15, LATE_AFTER_DAY = 20, SNAPSHOT_DAY = 2,
            MERGE_DAY = 12;

    private final SourceMappings mappings;

    public DeltaSplitter(SourceMappings mappings) {
        this.mappings = mappings;
    }

    /** What the split wrote. {@code merge} is null when the county had nothing to plant it on (no accompanied A&E visit). */
    public record Split(LocalDate historyAsOf, List<LocalDate> days, Map<String, Long> deltaRecords, String tombstoned, Merge merge) {
    }

    /**
     * The planted merge: the occurrences ({@code source/record_id/slot}) of the two persons the
     * history holds apart (a mother beside her child, a tenant under her new family name), and the
     * record ({@code source/record_id}) of {@code day} that joins them.
     */
    public record Merge(LocalDate day, String mother, String tenant, String bridge) {
    }

    public Split split(Path out, LocalDate endDate, int days) throws IOException {
        if (days < LATE_AFTER_DAY) {
            throw new IllegalArgumentException("--deltas needs at least " + LATE_AFTER_DAY + " days for its special arrivals, not " + days);
        }
        Path data = out.resolve("data");
        Path history = out.resolve("history");
        Path deltas = out.resolve("deltas");
        LocalDate cutoff = endDate.minusDays(days);
        List<LocalDate> dates = new ArrayList<>();
        for (int d = 1; d <= days; d++) {
            dates.add(cutoff.plusDays(d));
        }
        Merge merge = PlantedMerge.plant(out, cutoff, dates.get(MERGE_DAY - 1));
        Files.createDirectories(history);
        for (LocalDate date : dates) {
            Files.createDirectories(deltas.resolve(date.toString()));
        }
        Map<String, Long> deltaRecords = new TreeMap<>();
        Map<String, String> feeds = new TreeMap<>();
        String tombstoned = null;
        List<Path> all;
        try (Stream<Path> walk = Files.walk(data)) {
            all = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Map<String, Boolean> sourceHasDayFile = new LinkedHashMap<>();
        for (Path file : all) {
            Path relative = data.relativize(file);
            Optional<SourceMapping> claimed = mappings.claimant(relative);
            if (claimed.isEmpty() || relative.getNameCount() > 1) {
                copy(file, history.resolve(relative));  // documents and anything unclaimed: history, whole
                continue;
            }
            SourceMapping mapping = claimed.get();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            Map<Integer, LocalDate> dayOfLine = new TreeMap<>();
            BitSet claimedLines = new BitSet();
            BitSet clash = new BitSet();
            List<long[]> recordRanges = new ArrayList<>();
            List<LocalDate> recordDates = new ArrayList<>();
            List<String> recordIds = new ArrayList<>();
            try (Stream<RowResult> rows = new ExtractReader(mapping).read(file)) {
                for (RowResult row : (Iterable<RowResult>) rows::iterator) {
                    if (row instanceof RowResult.Accepted accepted && accepted.record().eventDate() != null) {
                        var origin = accepted.record().origin();
                        recordRanges.add(new long[] {origin.firstLine(), origin.lastLine()});
                        recordDates.add(accepted.record().eventDate().earliest().toLocalDate());
                        recordIds.add(accepted.record().recordId());
                        for (long l = origin.firstLine(); l <= origin.lastLine(); l++) {
                            if (claimedLines.get((int) l)) {
                                clash.set((int) l);
                            }
                            claimedLines.set((int) l);
                        }
                    }
                }
            }
            // A record whose lines interleave with another's stays in the history (never split apart).
            for (int r = 0; r < recordRanges.size(); r++) {
                long[] range = recordRanges.get(r);
                boolean clean = clash.get((int) range[0], (int) range[1] + 1).isEmpty();
                if (clean && recordDates.get(r).isAfter(cutoff)) {
                    for (long l = range[0]; l <= range[1]; l++) {
                        dayOfLine.put((int) l, recordDates.get(r));
                    }
                }
            }
            boolean header = mapping.format().type() == SourceMapping.FormatType.CSV && mapping.format().header();
            String headerLine = header && !lines.isEmpty() ? lines.get(0) : null;
            boolean delta = mapping.feed().delta();
            if (delta) {
                feeds.put(mapping.source(), "delta");
            } else {
                feeds.put(mapping.source(), "snapshot");
            }
            // history: lines of records up to the cutoff, bad rows, undated records
            List<String> historyLines = new ArrayList<>();
            Map<LocalDate, List<String>> dayLines = new TreeMap<>();
            for (int i = 0; i < lines.size(); i++) {
                int lineNo = i + 1;
                if (headerLine != null && i == 0) {
                    continue;
                }
                LocalDate day = dayOfLine.get(lineNo);
                if (day == null) {
                    historyLines.add(lines.get(i));
                } else {
                    dayLines.computeIfAbsent(day, k -> new ArrayList<>()).add(lines.get(i));
                }
            }
            write(history.resolve(relative), headerLine, historyLines);
            if (delta) {
                String name = relative.getFileName().toString();
                int dot = name.lastIndexOf('.');
                for (LocalDate date : dates) {
                    List<String> day = dayLines.getOrDefault(date, List.of());
                    boolean first = !sourceHasDayFile.containsKey(mapping.source() + date);
                    if (day.isEmpty() && !first) {
                        continue;
                    }
                    sourceHasDayFile.put(mapping.source() + date, true);
                    String deltaName = name.substring(0, dot) + "_delta-" + date + name.substring(dot);
                    write(deltas.resolve(date.toString()).resolve(deltaName), headerLine, day);
                    deltaRecords.merge(mapping.source(), (long) day.size(), Long::sum);
                }
                if (tombstoned == null && !mapping.feed().tombstones().isEmpty()) {
                    // the first record of the history withdrawn on the tombstone day, and out of the final data
                    for (int r = 0; r < recordRanges.size(); r++) {
                        long[] range = recordRanges.get(r);
                        if (!recordDates.get(r).isAfter(cutoff) && clash.get((int) range[0], (int) range[1] + 1).isEmpty()) {
                            tombstoned = mapping.source() + "/" + recordIds.get(r);
                            LocalDate day = dates.get(TOMBSTONE_DAY - 1);
                            String glob = mapping.feed().tombstones().get(0);
                            Path tomb = deltas.resolve(day.toString()).resolve(glob.replace("*", day.toString()));
                            Files.writeString(tomb, "record_id,reason\n" + recordIds.get(r) + ",withdrawn by the agency\n");
                            List<String> kept = new ArrayList<>(lines.subList(0, (int) range[0] - 1));
                            kept.addAll(lines.subList((int) range[1], lines.size()));
                            Files.write(file, kept, StandardCharsets.UTF_8);
                            break;
                        }
                    }
                }
            } else {
                // a snapshot source sends its whole extract, on the snapshot day
                copy(file, deltas.resolve(dates.get(SNAPSHOT_DAY - 1).toString()).resolve(relative));
            }
        }
        // The tombstoned record's lines left OUT/data after its history copy was written: history keeps it.
        String feedsJson = feeds.entrySet().stream().map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
                .reduce((a, b) -> a + ", " + b).orElse("");
        Files.writeString(history.resolve("feed.json"), "{\"as_of\": \"" + cutoff + "\"}\n");
        for (int d = 0; d < days; d++) {
            LocalDate date = dates.get(d);
            Path folder = deltas.resolve(date.toString());
            String dayFeeds = feedsJson;
            if (d != SNAPSHOT_DAY - 1) {
                // on other days only the delta sources deliver
                dayFeeds = feeds.entrySet().stream().filter(e -> e.getValue().equals("delta"))
                        .map(e -> "\"" + e.getKey() + "\": \"delta\"").reduce((a, b) -> a + ", " + b).orElse("");
            }
            Files.writeString(folder.resolve("feed.json"), "{\"as_of\": \"" + date + "\", \"feeds\": {" + dayFeeds + "}}\n");
        }
        // the late, different re-send of day LATE_DAY
        Path late = deltas.resolve("late-" + dates.get(LATE_DAY - 1));
        copyFolder(deltas.resolve(dates.get(LATE_DAY - 1).toString()), late);
        try (Stream<Path> lateFiles = Files.list(late)) {
            Path first = lateFiles.filter(p -> p.toString().endsWith(".csv")).sorted().findFirst().orElseThrow();
            Files.move(first, first.resolveSibling(first.getFileName().toString().replace(".csv", "_resent.csv")));
        }
        List<String> schedule = new ArrayList<>();
        schedule.add("# folder (under deltas/) and what must become of it, in arrival order");
        for (int d = 1; d <= days; d++) {
            String day = dates.get(d - 1).toString();
            if (d == EARLY_DAY - 1) {
                schedule.add(dates.get(EARLY_DAY - 1) + " refused date gap (arrives before " + day + ")");
            }
            schedule.add(day + " applied" + (d == TOMBSTONE_DAY ? " (withdraws " + tombstoned + " by tombstone)" : "")
                    + (merge != null && d == MERGE_DAY ? " (" + merge.bridge() + " joins " + merge.mother() + " and " + merge.tenant() + ")" : ""));
            if (d == REPLAYED_DAY) {
                schedule.add(day + " skipped replay");
            }
            if (d == LATE_AFTER_DAY) {
                schedule.add(late.getFileName() + " refused out of order");
            }
        }
        Files.write(deltas.resolve("schedule.txt"), schedule, StandardCharsets.UTF_8);
        return new Split(cutoff, dates, deltaRecords, tombstoned, merge);
    }

    private static void write(Path file, String header, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        List<String> out = new ArrayList<>();
        if (header != null) {
            out.add(header);
        }
        out.addAll(lines);
        Files.write(file, out, StandardCharsets.UTF_8);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
