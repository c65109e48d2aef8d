package org.tessera.indexer.cli;

import org.tessera.indexer.ingest.ExtractReader;
import org.tessera.indexer.indicators.IndicatorFeed;
import org.tessera.indexer.ingest.Issue;
import org.tessera.indexer.ingest.MappingException;
import org.tessera.indexer.ingest.MappingOutline;
import org.tessera.indexer.ingest.RowResult;
import org.tessera.indexer.ingest.SourceMapping;
import org.tessera.indexer.ingest.SourceMappingLoader;
import org.tessera.indexer.ingest.SourceRecord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code tessera sources check MAPPING.yaml [--sample EXTRACT]}: validates a source mapping and,
 * with a sample extract, reads it and prints what the pipeline would make of it. For analysts
 * onboarding a new agency extract. Prints example records (personal data of the sample) to the
 * terminal only, never to logs. Exit code: 0 clean, 1 rows quarantined, 2 invalid mapping.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate a source mapping file and, with --sample, read an extract through it and report.")
public final class SourcesCheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MAPPING", description = "Source mapping YAML file")
    Path mappingFile;

    @Option(names = "--sample", paramLabel = "EXTRACT", description = "An extract file (CSV or JSON Lines) to read through the mapping")
    Path sample;

    @Option(names = "--examples", defaultValue = "3", description = "How many canonical records to print (default ${DEFAULT-VALUE})")
    int examples;

    @Option(names = "--indicators", paramLabel = "DIR", description = "Indicator catalogue folder to check against (default: the shipped catalogue)")
    Path indicators;

    @Option(names = "--max-issues", defaultValue = "20", description = "How many warnings and errors to list (default ${DEFAULT-VALUE})")
    int maxIssues;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SourceMapping mapping;
        try {
            mapping = new SourceMappingLoader().load(mappingFile);
        } catch (MappingException e) {
            out.println("Mapping INVALID: " + e.getMessage());
            out.flush();
            return 2;
        }
        out.printf("Mapping %s: OK (source %s, agency %s, %s, %d person slot(s), files %s)%n", mappingFile, mapping.source(),
                mapping.agency(), mapping.format().type().name().toLowerCase(), mapping.people().size(), String.join(" ", mapping.files()));
        out.println("How each field is read:");
        MappingOutline.lines(mapping).forEach(out::println);
        printFeed(out, mapping);
        if (sample == null) {
            out.flush();
            return 0;
        }
        Report r = new Report();
        try (Stream<RowResult> rows = new ExtractReader(mapping).read(sample)) {
            rows.forEach(r::add);
        } catch (UncheckedIOException e) {
            out.println("Extract " + sample + ": cannot read: " + e.getMessage());
            out.flush();
            return 2;
        }
        String name = sample.getFileName().toString();
        out.printf("Extract %s (file name %s the mapping's globs)%n", sample, mapping.matches(name) ? "matches" : "does NOT match");
        out.printf("  rows read          %d%n", r.rows);
        out.printf("  records            %d%n", r.records);
        out.printf("  people             %d%n", r.people);
        out.printf("  warnings           %d%n", r.warnings.size());
        out.printf("  quarantined rows   %d%n", r.quarantinedRows);
        out.printf("  file rejected      %s%n", r.fileRejected == null ? "no" : "YES: " + r.fileRejected.reason());
        list(out, "Errors (row quarantined)", r.errors);
        list(out, "Warnings", r.warnings);
        if (!r.examples.isEmpty()) {
            out.printf("First %d canonical record(s):%n", r.examples.size());
            ObjectMapper json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .enable(SerializationFeature.INDENT_OUTPUT);
            for (SourceRecord rec : r.examples) {
                try {
                    out.println(json.writeValueAsString(new Example(rec.eventId(), rec)));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    out.println("  (cannot print record: " + e.getOriginalMessage() + ")");
                }
            }
        }
        out.flush();
        return r.errors.isEmpty() && r.fileRejected == null ? 0 : 1;
    }

    record Example(String eventId, SourceRecord record) {}

    /** Which indicators the mapping's codes can feed (from the shipped catalogue, or --indicators). */
    private void printFeed(PrintWriter out, SourceMapping mapping) {
        org.tessera.indexer.indicators.IndicatorCatalogue catalogue;
        try {
            catalogue = indicators == null ? org.tessera.indexer.indicators.IndicatorCatalogue.loadDefault()
                    : org.tessera.indexer.indicators.IndicatorCatalogue.load(indicators,
                            org.tessera.indexer.indicators.EventFields.loadDefault());
        } catch (RuntimeException e) {
            out.println("Indicators: catalogue not read (" + e.getMessage() + ")");
            return;
        }
        IndicatorFeed feed = IndicatorFeed.of(mapping, catalogue.all());
        out.printf("Indicators this mapping can feed through its codes: %d%n", feed.fed().size());
        feed.fed().forEach((id, fields) -> out.printf("  %-8s %s%n", id, String.join(", ", fields)));
        if (feed.textIndicators() > 0) {
            out.printf("  and %d indicator(s) on the text%n", feed.textIndicators());
        }
        if (!feed.missed().isEmpty()) {
            out.printf("Indicators of agency %s that read codes this mapping does not write: %d%n", mapping.agency(), feed.missed().size());
            feed.missed().forEach((id, fields) -> out.printf("  %-8s %s%n", id, String.join(", ", fields)));
        }
        if (!feed.unreadCodes().isEmpty()) {
            out.println("Codes no indicator reads (kept on the event, searchable): " + String.join(", ", feed.unreadCodes()));
        }
    }

    private void list(PrintWriter out, String title, List<Issue> issues) {
        if (issues.isEmpty()) return;
        out.printf("%s, first %d of %d:%n", title, Math.min(maxIssues, issues.size()), issues.size());
        issues.stream().limit(maxIssues).forEach(i -> out.println("  " + i));
    }

    private final class Report {
        long rows, records, people, quarantinedRows;
        final List<Issue> warnings = new ArrayList<>();
        final List<Issue> errors = new ArrayList<>();
        final List<SourceRecord> examples = new ArrayList<>();
        RowResult.Quarantined fileRejected;

        void add(RowResult r) {
            switch (r) {
                case RowResult.Accepted a -> {
                    rows += a.rows();
                    records++;
                    people += a.record().people().size();
                    warnings.addAll(a.warnings());
                    if (examples.size() < examples()) examples.add(a.record());
                }
                case RowResult.Quarantined q -> {
                    if (q.scope() == RowResult.Scope.FILE) {
                        fileRejected = q;
                        errors.add(q.issue());
                    } else {
                        rows++;
                        quarantinedRows++;
                        errors.add(q.issue());
                    }
                }
                case RowResult.Notice n -> warnings.add(n.issue());
            }
        }
    }

    private int examples() { return examples; }
}
