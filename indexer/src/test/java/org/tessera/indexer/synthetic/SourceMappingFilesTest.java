package org.tessera.indexer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.synthetic.notes.TemplateSet;

/**
 * Every mapping file of a generated layout in mappings/sources uses only the keys of the mapping
 * spec, and every column it names exists in the generated files, whose record dates parse with the
 * mapping's formats. (The FEBRL reference mappings describe other data.)
 */
class SourceMappingFilesTest {
    private static final Set<String> TOP = Set.of("source", "agency", "description", "files", "format",
            "required_columns", "record", "people");
    private static final Set<String> FORMAT = Set.of("type", "delimiter", "quote", "encoding", "header");
    private static final Set<String> RECORD = Set.of("id", "group_by", "type", "date", "title", "text", "codes",
            "location");
    private static final Set<String> PERSON = Set.of("role", "when", "given_names", "family_name", "full_name",
            "other_names", "date_of_birth", "gender", "address", "postcode", "identifiers");
    private static final Set<String> VALUE = Set.of("column", "map", "default", "unknown", "constant", "formats",
            "required", "partial");
    private static final Set<String> AGENCIES = Set.of("police", "health", "education", "social_care", "housing",
            "probation", "other");
    private static final Set<String> ROLES = Set.of("subject", "victim", "perpetrator", "parent", "mother", "father",
            "carer", "sibling", "household_member", "partner", "witness", "professional", "other");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    @TempDir
    static Path out;

    @BeforeAll
    static void generate() throws IOException {
        new CountyGenerator(new GeneratorSettings(5, 400, 3, LocalDate.of(2026, 6, 30), TemplateSet.ALL, 0.2, false))
                .generate(out);
    }

    static List<Path> mappingFiles() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("..", "mappings", "sources"))) {
            return s.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().startsWith("febrl")).sorted().toList();
        }
    }

    @Test
    void mappingFilesUseOnlySpecKeysAgenciesAndRoles() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (Path f : mappingFiles()) {
            JsonNode m = yaml.readTree(f.toFile());
            assertThat(names(m)).as(f.toString()).isSubsetOf(TOP);
            assertThat(m.get("source").asText()).isEqualTo(f.getFileName().toString().replace(".yaml", ""));
            assertThat(AGENCIES).contains(m.get("agency").asText());
            assertThat(names(m.get("format"))).as(f + " format").isSubsetOf(FORMAT);
            assertThat(names(m.get("record"))).as(f + " record").isSubsetOf(RECORD);
            for (String k : List.of("type", "date")) {
                assertThat(names(m.get("record").get(k))).as(f + " record." + k).isSubsetOf(VALUE);
            }
            m.get("record").path("codes").forEach(c -> assertThat(names(c)).as(f + " codes").isSubsetOf(VALUE));
            for (JsonNode p : m.get("people")) {
                assertThat(names(p)).as(f + " people").isSubsetOf(PERSON);
                JsonNode role = p.get("role");
                if (role.isTextual()) {
                    assertThat(ROLES).contains(role.asText());
                } else {
                    role.get("map").forEach(v -> assertThat(ROLES).as(f + " role map").contains(v.asText()));
                }
            }
        }
    }

    @Test
    void everyColumnAMappingNamesExistsAndRecordDatesParse() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectMapper json = new ObjectMapper();
        Path data = out.resolve("data");
        for (Path f : mappingFiles()) {
            JsonNode m = yaml.readTree(f.toFile());
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + m.get("files").get(0).asText());
            List<Path> files;
            try (Stream<Path> s = Files.list(data)) {
                files = s.filter(p -> glob.matches(p.getFileName())).toList();
            }
            assertThat(files).as(f.toString()).isNotEmpty();
            Set<String> refs = columnRefs(m);
            JsonNode dateSpec = m.get("record").get("date");
            List<DateTimeFormatter> formats = new ArrayList<>();
            dateSpec.get("formats").forEach(x -> formats.add(DateTimeFormatter.ofPattern(x.asText(), Locale.ENGLISH)));
            String dateColumn = dateSpec.get("column").asText();
            boolean jsonl = m.get("format").get("type").asText().equals("jsonl");
            for (Path file : files) {
                if (jsonl) {
                    List<JsonNode> rows = Files.readAllLines(file).stream().limit(200).map(l -> {
                        try {
                            return json.readTree(l);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }).toList();
                    for (String ref : refs) {
                        assertThat(rows).as(f + " " + ref).anyMatch(r -> !path(r, ref).isMissingNode());
                    }
                    rows.forEach(r -> assertParses(formats, path(r, dateColumn).asText(), f));
                } else {
                    String delimiter = m.get("format").path("delimiter").asText(",");
                    Charset cs = Charset.forName(m.get("format").path("encoding").asText("UTF-8"));
                    try (Reader r = Files.newBufferedReader(file, cs);
                         CSVParser p = CSVFormat.DEFAULT.builder().setDelimiter(delimiter.charAt(0)).setHeader()
                                 .setSkipHeaderRecord(true).get().parse(r)) {
                        Set<String> header = new HashSet<>(p.getHeaderNames());
                        assertThat(header).as(f + " vs " + file.getFileName()).containsAll(refs);
                        int n = 0;
                        for (CSVRecord rec : p) {
                            assertParses(formats, rec.get(dateColumn), f);
                            if (++n > 500) {
                                break;
                            }
                        }
                    }
                }
            }
        }
    }

    private static void assertParses(List<DateTimeFormatter> formats, String value, Path mapping) {
        for (DateTimeFormatter f : formats) {
            try {
                f.parse(value);
                return;
            } catch (DateTimeParseException ignored) {
                // try the next format
            }
        }
        throw new AssertionError(mapping + ": record date '" + value + "' matches none of its formats");
    }

    private static JsonNode path(JsonNode n, String dotted) {
        JsonNode cur = n;
        for (String part : dotted.split("\\.")) {
            cur = cur.path(part);
        }
        return cur;
    }

    private static Set<String> names(JsonNode n) {
        Set<String> out = new HashSet<>();
        if (n != null && n.isObject()) {
            n.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    /** Columns named anywhere in a mapping: bare expressions, templates and {column: ...} specs. */
    static Set<String> columnRefs(JsonNode m) {
        Set<String> out = new HashSet<>();
        m.get("required_columns").forEach(c -> out.add(c.asText()));
        JsonNode rec = m.get("record");
        expr(rec.get("id"), out);
        expr(rec.get("group_by"), out);
        expr(rec.get("type"), out);
        expr(rec.get("date"), out);
        expr(rec.get("title"), out);
        if (rec.has("text")) {
            rec.get("text").forEach(t -> out.add(t.asText()));
        }
        rec.path("codes").forEach(c -> expr(c, out));
        rec.path("location").forEach(c -> expr(c, out));
        for (JsonNode p : m.get("people")) {
            p.fields().forEachRemaining(e -> {
                if (e.getKey().equals("identifiers")) {
                    e.getValue().forEach(v -> expr(v, out));
                } else if (!e.getKey().equals("role") || e.getValue().isObject()) {
                    expr(e.getValue(), out);
                }
            });
        }
        return out;
    }

    private static void expr(JsonNode n, Set<String> out) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return;
        }
        if (n.isObject()) {
            if (n.has("column")) {
                out.add(n.get("column").asText());
            }
            return;
        }
        String s = n.asText();
        Matcher t = TEMPLATE.matcher(s);
        boolean template = false;
        while (t.find()) {
            out.add(t.group(1));
            template = true;
        }
        if (!template) {
            out.add(s);
        }
    }
}
