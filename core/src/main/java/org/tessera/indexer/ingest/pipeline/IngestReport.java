package org.tessera.indexer.ingest.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.tessera.indexer.jobs.QuarantineEntry;
import org.tessera.indexer.linkage.LinkageResult;

/**
 * What an ingest run did: counts by kind, what was quarantined and why, the files no source
 * mapping claimed (not read; paths relative to the folder), what was indexed with a warning and
 * why, linkage figures, time in total and per stage (nanoseconds, in pipeline order).
 */
public record IngestReport(String jobId, Map<String, Long> counts, List<QuarantineEntry> quarantined,
                           LinkageResult.Stats linkage, Duration elapsed, Map<String, Long> stageNanos,
                           List<WithdrawalPolicy.Decision> withdrawals, List<String> unclaimed,
                           List<QuarantineEntry> warned) {

    public IngestReport {
        counts = Map.copyOf(counts);
        quarantined = List.copyOf(quarantined);
        withdrawals = List.copyOf(withdrawals);
        unclaimed = List.copyOf(unclaimed);
        warned = List.copyOf(warned);
        stageNanos = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stageNanos));
    }

    public IngestReport(String jobId, Map<String, Long> counts, List<QuarantineEntry> quarantined,
                        LinkageResult.Stats linkage, Duration elapsed, Map<String, Long> stageNanos,
                        List<WithdrawalPolicy.Decision> withdrawals) {
        this(jobId, counts, quarantined, linkage, elapsed, stageNanos, withdrawals, List.of(), List.of());
    }

    public IngestReport(String jobId, Map<String, Long> counts, List<QuarantineEntry> quarantined,
                        LinkageResult.Stats linkage, Duration elapsed, Map<String, Long> stageNanos,
                        List<WithdrawalPolicy.Decision> withdrawals, List<String> unclaimed) {
        this(jobId, counts, quarantined, linkage, elapsed, stageNanos, withdrawals, unclaimed, List.of());
    }

    /** The sources whose absent records this run kept, each with its reason. */
    public List<WithdrawalPolicy.Decision> heldBack() {
        return withdrawals.stream().filter(d -> !d.withdraw()).toList();
    }

    public long count(String name) {
        return counts.getOrDefault(name, 0L);
    }

    /** Classes of bad input, matched on the reasons the readers and extractors write, first match wins. */
    private static final List<Map.Entry<String, java.util.regex.Pattern>> CLASSES = List.of(
            Map.entry("row too long", java.util.regex.Pattern.compile("^row too long")),
            Map.entry("value too long", java.util.regex.Pattern.compile("^value too long")),
            Map.entry("wrong encoding", java.util.regex.Pattern.compile("not valid in the declared encoding")),
            Map.entry("malformed CSV", java.util.regex.Pattern.compile("CSV syntax error|ragged row|unreadable header|no header row")),
            Map.entry("malformed JSON", java.util.regex.Pattern.compile("not valid JSON|JSON object per line")),
            Map.entry("missing column", java.util.regex.Pattern.compile("missing from the header|required field")),
            Map.entry("duplicate record", java.util.regex.Pattern.compile("duplicate record id")),
            Map.entry("no mapping", java.util.regex.Pattern.compile("no source mapping")),
            Map.entry("encrypted", java.util.regex.Pattern.compile("encrypted|password-protected")),
            Map.entry("zip bomb", java.util.regex.Pattern.compile("zip bomb")),
            Map.entry("nested too deep", java.util.regex.Pattern.compile("nested deeper")),
            Map.entry("wrong type", java.util.regex.Pattern.compile("not the type of document its name says")),
            Map.entry("no text", java.util.regex.Pattern.compile("no text could be extracted")),
            Map.entry("text cut", java.util.regex.Pattern.compile("text cut at the character limit")),
            Map.entry("text analysed in part", java.util.regex.Pattern.compile("^text analysis|kept whole, one token")),
            Map.entry("sidecar invalid", java.util.regex.Pattern.compile("^sidecar .* invalid")),
            Map.entry("embedded part unreadable", java.util.regex.Pattern.compile("embedded part")),
            Map.entry("empty file", java.util.regex.Pattern.compile("^empty file")),
            Map.entry("too large", java.util.regex.Pattern.compile("larger than the size limit")),
            Map.entry("timeout", java.util.regex.Pattern.compile("longer than the time limit")),
            Map.entry("corrupt", java.util.regex.Pattern.compile("corrupt or unparsable|cannot be read")));

    /** The class of bad input a reason belongs to ("row too long", "zip bomb", ...), or "other" (a mapping rule). */
    public static String problemClass(String reason) {
        for (Map.Entry<String, java.util.regex.Pattern> c : CLASSES) {
            if (c.getValue().matcher(reason).find()) {
                return c.getKey();
            }
        }
        return "other (mapping rule)";
    }

    /** Per class of bad input: {quarantined, warned}, classes in a stable order (unclaimed files are warned, not read). */
    public Map<String, long[]> problemsByClass() {
        Map<String, long[]> out = new java.util.TreeMap<>();
        quarantined.forEach(q -> out.computeIfAbsent(problemClass(q.reason()), k -> new long[2])[0]++);
        warned.forEach(w -> out.computeIfAbsent(problemClass(w.reason()), k -> new long[2])[1]++);
        unclaimed.forEach(u -> out.computeIfAbsent("no mapping", k -> new long[2])[1]++);
        return out;
    }
}
