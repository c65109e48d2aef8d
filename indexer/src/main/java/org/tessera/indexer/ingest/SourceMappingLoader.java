package org.tessera.indexer.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.tessera.indexer.ingest.SourceMapping.DateSpec;
import org.tessera.indexer.ingest.SourceMapping.Format;
import org.tessera.indexer.ingest.SourceMapping.FormatType;
import org.tessera.indexer.ingest.SourceMapping.PersonSpec;
import org.tessera.indexer.ingest.SourceMapping.RecordSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates one source mapping YAML file. Every problem is a {@link MappingException}
 * naming the file and the key path (e.g. {@code people[1].date_of_birth.formats[0]}), thrown at
 * load so that a bad mapping stops the run before any data is read. Stateless and thread-safe.
 */
public final class SourceMappingLoader {

    private static final Set<String> TOP = Set.of("source", "agency", "description", "files", "format", "required_columns", "record", "people");
    private static final Set<String> FORMAT = Set.of("type", "delimiter", "quote", "encoding", "header", "columns", "trim");
    private static final Set<String> RECORD = Set.of("id", "group_by", "type", "date", "title", "text", "codes", "location");
    private static final Set<String> LOCATION = Set.of("address", "postcode");
    private static final Set<String> PERSON = Set.of("role", "when", "for_each", "given_names", "family_name", "full_name",
            "other_names", "date_of_birth", "gender", "address", "postcode", "identifiers");
    private static final Set<String> VALUE = Set.of("column", "map", "default", "unknown", "constant");
    private static final Set<String> DATE = Set.of("column", "formats", "required", "partial");
    private static final Set<String> ENCODINGS = Set.of("UTF-8", "WINDOWS-1252", "ISO-8859-1", "US-ASCII", "UTF-16");

    private final ObjectMapper yaml;

    public SourceMappingLoader() {
        this.yaml = new ObjectMapper(new YAMLFactory());
        this.yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    public SourceMapping load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(file.toString(), in);
        } catch (IOException e) {
            throw new MappingException(file.toString(), "", "cannot read: " + e.getMessage());
        }
    }

    public SourceMapping load(String name, InputStream in) {
        JsonNode root;
        try {
            root = yaml.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new MappingException(name, "", "not valid YAML" + where + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new MappingException(name, "", "cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new MappingException(name, "", "expected a mapping at the top level");
        return new Walker(name).mapping(root);
    }

    /** Walks the tree keeping the file name for messages. */
    private record Walker(String file) {

        MappingException fail(String path, String problem) { return new MappingException(file, path, problem); }

        void keys(JsonNode n, String path, Set<String> allowed) {
            if (!n.isObject()) throw fail(path, "expected a mapping of keys");
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    throw fail(join(path, k), "unknown key '" + k + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            }
        }

        static String join(String path, String key) { return path.isEmpty() ? key : path + "." + key; }

        String text(JsonNode n, String path) {
            if (n == null || n.isNull()) throw fail(path, "required key missing");
            if (!n.isValueNode()) throw fail(path, "expected a single value");
            String s = n.asText().trim();
            if (s.isEmpty()) throw fail(path, "must not be blank");
            return s;
        }

        String optText(JsonNode n, String path, String dflt) { return n == null || n.isNull() ? dflt : text(n, path); }

        boolean bool(JsonNode n, String path, boolean dflt) {
            if (n == null || n.isNull()) return dflt;
            if (!n.isBoolean()) throw fail(path, "expected true or false, got '" + n.asText() + "'");
            return n.booleanValue();
        }

        List<String> texts(JsonNode n, String path) {
            List<String> out = new ArrayList<>();
            if (n == null || n.isNull()) return out;
            if (n.isValueNode()) { out.add(text(n, path)); return out; }
            if (!n.isArray()) throw fail(path, "expected a list");
            for (int i = 0; i < n.size(); i++) out.add(text(n.get(i), path + "[" + i + "]"));
            return out;
        }

        char oneChar(JsonNode n, String path, char dflt) {
            if (n == null || n.isNull()) return dflt;
            String s = n.asText();
            if (s.equals("\\t") || s.equals("tab")) return '\t';
            if (s.length() != 1) throw fail(path, "expected exactly one character, got '" + s + "'");
            return s.charAt(0);
        }

        SourceMapping mapping(JsonNode root) {
            keys(root, "", TOP);
            String source = text(root.get("source"), "source");
            if (!Vocabulary.SNAKE.matcher(source).matches()) throw fail("source", "must be lowercase_snake, got '" + source + "'");
            String agency = text(root.get("agency"), "agency");
            if (!Vocabulary.AGENCIES.contains(agency)) throw fail("agency", "unknown agency '" + agency + "' (allowed: " + sorted(Vocabulary.AGENCIES) + ")");
            String description = optText(root.get("description"), "description", "");
            List<String> files = texts(root.get("files"), "files");
            if (files.isEmpty()) throw fail("files", "at least one file glob is required");
            Format format = format(root.get("format"));
            List<String> required = texts(root.get("required_columns"), "required_columns");
            JsonNode rec = root.get("record");
            if (rec == null) throw fail("record", "required key missing");
            RecordSpec record = record(rec, format);
            List<PersonSpec> people = new ArrayList<>();
            JsonNode ps = root.get("people");
            if (ps != null && !ps.isNull()) {
                if (!ps.isArray()) throw fail("people", "expected a list of person slots");
                for (int i = 0; i < ps.size(); i++) people.add(person(ps.get(i), "people[" + i + "]", format));
            }
            return new SourceMapping(file, source, agency, description, files, format, required, record, people);
        }

        Format format(JsonNode n) {
            if (n == null || n.isNull()) return new Format(FormatType.CSV, ',', '"', Charset.forName("UTF-8"), true, List.of(), true);
            keys(n, "format", FORMAT);
            String type = optText(n.get("type"), "format.type", "csv").toLowerCase(Locale.ROOT);
            FormatType ft = switch (type) {
                case "csv" -> FormatType.CSV;
                case "jsonl", "json_lines", "ndjson" -> FormatType.JSONL;
                default -> throw fail("format.type", "expected csv or jsonl, got '" + type + "'");
            };
            String enc = optText(n.get("encoding"), "format.encoding", "UTF-8");
            if (!ENCODINGS.contains(enc.toUpperCase(Locale.ROOT))) throw fail("format.encoding", "unsupported encoding '" + enc + "' (allowed: " + sorted(ENCODINGS) + ")");
            boolean header = bool(n.get("header"), "format.header", true);
            List<String> columns = texts(n.get("columns"), "format.columns");
            if (ft == FormatType.CSV && !header && columns.isEmpty()) throw fail("format.columns", "required when header is false");
            // delimiter, quote, header and columns are csv-only; on jsonl they are accepted and ignored.
            char delimiter = oneChar(n.get("delimiter"), "format.delimiter", ',');
            char quote = oneChar(n.get("quote"), "format.quote", '"');
            if (delimiter == quote) throw fail("format.quote", "must differ from the delimiter");
            return new Format(ft, delimiter, quote, Charset.forName(enc), header, columns, bool(n.get("trim"), "format.trim", true));
        }

        RecordSpec record(JsonNode n, Format format) {
            keys(n, "record", RECORD);
            ValueSpec id = value(n.get("id"), "record.id", false);
            if (id == null) throw fail("record.id", "required key missing");
            String groupBy = optText(n.get("group_by"), "record.group_by", null);
            ValueSpec type = value(n.get("type"), "record.type", true);
            if (type == null) throw fail("record.type", "required key missing");
            checkCanonical(type, "record.type", null);
            DateSpec date = n.has("date") ? date(n.get("date"), "record.date", true) : null;
            ValueSpec title = value(n.get("title"), "record.title", false);
            List<ValueSpec> text = new ArrayList<>();
            JsonNode t = n.get("text");
            if (t != null && !t.isNull()) {
                if (t.isArray()) for (int i = 0; i < t.size(); i++) text.add(value(t.get(i), "record.text[" + i + "]", false));
                else text.add(value(t, "record.text", false));
            }
            Map<String, ValueSpec> codes = new LinkedHashMap<>();
            JsonNode c = n.get("codes");
            if (c != null && !c.isNull()) {
                if (!c.isObject()) throw fail("record.codes", "expected a mapping of code name to value");
                for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
                    var e = it.next();
                    String p = "record.codes." + e.getKey();
                    if (!Vocabulary.SNAKE.matcher(e.getKey()).matches()) throw fail(p, "code names are lowercase_snake");
                    codes.put(e.getKey(), value(e.getValue(), p, false));
                }
            }
            ValueSpec locAddress = null, locPostcode = null;
            JsonNode loc = n.get("location");
            if (loc != null && !loc.isNull()) {
                keys(loc, "record.location", LOCATION);
                locAddress = value(loc.get("address"), "record.location.address", false);
                locPostcode = value(loc.get("postcode"), "record.location.postcode", false);
            }
            return new RecordSpec(id, groupBy, type, date, title, text, codes, locAddress, locPostcode);
        }

        PersonSpec person(JsonNode n, String path, Format format) {
            keys(n, path, PERSON);
            ValueSpec role = value(n.get("role"), path + ".role", true);
            if (role == null) throw fail(path + ".role", "required key missing");
            checkCanonical(role, path + ".role", Vocabulary.ROLES);
            String forEach = optText(n.get("for_each"), path + ".for_each", null);
            if (forEach != null && format.type() != FormatType.JSONL) throw fail(path + ".for_each", "applies to jsonl only");
            ValueSpec full = value(n.get("full_name"), path + ".full_name", false);
            ValueSpec given = value(n.get("given_names"), path + ".given_names", false);
            ValueSpec family = value(n.get("family_name"), path + ".family_name", false);
            if (full != null && (given != null || family != null)) throw fail(path + ".full_name", "use either full_name or given_names/family_name, not both");
            Map<String, ValueSpec> ids = new LinkedHashMap<>();
            JsonNode idn = n.get("identifiers");
            if (idn != null && !idn.isNull()) {
                if (!idn.isObject()) throw fail(path + ".identifiers", "expected a mapping of scheme to value");
                for (Iterator<Map.Entry<String, JsonNode>> it = idn.fields(); it.hasNext(); ) {
                    var e = it.next();
                    String p = path + ".identifiers." + e.getKey();
                    if (!Vocabulary.SNAKE.matcher(e.getKey()).matches()) throw fail(p, "identifier schemes are lowercase_snake");
                    ids.put(e.getKey(), value(e.getValue(), p, false));
                }
            }
            DateSpec dob = n.has("date_of_birth") ? date(n.get("date_of_birth"), path + ".date_of_birth", false) : null;
            return new PersonSpec(role, value(n.get("when"), path + ".when", false), forEach, given, family, full,
                    value(n.get("other_names"), path + ".other_names", false), dob,
                    value(n.get("gender"), path + ".gender", false), value(n.get("address"), path + ".address", false),
                    value(n.get("postcode"), path + ".postcode", false), ids);
        }

        /** Plain strings are columns (or templates) except for fields whose plain form is a constant (role, type). */
        ValueSpec value(JsonNode n, String path, boolean plainIsConstant) {
            if (n == null || n.isNull()) return null;
            if (n.isValueNode()) {
                String s = text(n, path);
                if (s.contains("{")) return template(s, path);
                return plainIsConstant ? new ValueSpec.Constant(s) : new ValueSpec.Column(s);
            }
            keys(n, path, VALUE);
            if (n.has("constant")) {
                if (n.size() != 1) throw fail(path, "constant takes no other keys");
                return new ValueSpec.Constant(text(n.get("constant"), path + ".constant"));
            }
            String column = text(n.get("column"), path + ".column");
            Map<String, String> map = new LinkedHashMap<>();
            JsonNode m = n.get("map");
            if (m != null && !m.isNull()) {
                if (!m.isObject()) throw fail(path + ".map", "expected a mapping of source code to canonical value");
                for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
                    var e = it.next();
                    map.put(e.getKey().trim(), text(e.getValue(), path + ".map." + e.getKey()));
                }
            }
            String dflt = optText(n.get("default"), path + ".default", null);
            String unknown = optText(n.get("unknown"), path + ".unknown", "warning");
            ValueSpec.Severity sev = switch (unknown) {
                case "warning" -> ValueSpec.Severity.WARNING;
                case "error" -> ValueSpec.Severity.ERROR;
                default -> throw fail(path + ".unknown", "expected warning or error, got '" + unknown + "'");
            };
            return new ValueSpec.Mapped(column, map, dflt, sev);
        }

        ValueSpec.Template template(String s, String path) {
            List<String> literals = new ArrayList<>();
            List<String> columns = new ArrayList<>();
            StringBuilder lit = new StringBuilder();
            int i = 0;
            while (i < s.length()) {
                char ch = s.charAt(i);
                if (ch == '{') {
                    int end = s.indexOf('}', i);
                    if (end < 0) throw fail(path, "unclosed '{' in template \"" + s + "\"");
                    String col = s.substring(i + 1, end).trim();
                    if (col.isEmpty() || col.contains("{")) throw fail(path, "empty or nested placeholder in template \"" + s + "\"");
                    literals.add(lit.toString());
                    lit.setLength(0);
                    columns.add(col);
                    i = end + 1;
                } else if (ch == '}') {
                    throw fail(path, "unmatched '}' in template \"" + s + "\"");
                } else {
                    lit.append(ch);
                    i++;
                }
            }
            literals.add(lit.toString());
            return new ValueSpec.Template(s, literals, columns);
        }

        /** Constants and mapped values of roles / record types must be canonical. */
        void checkCanonical(ValueSpec v, String path, Set<String> vocabulary) {
            switch (v) {
                case ValueSpec.Constant c -> checkWord(c.value(), path, vocabulary);
                case ValueSpec.Mapped m -> {
                    m.map().forEach((k, val) -> checkWord(val, path + ".map." + k, vocabulary));
                    if (m.defaultValue() != null) checkWord(m.defaultValue(), path + ".default", vocabulary);
                }
                case ValueSpec.Column c -> { }
                case ValueSpec.Template t -> throw fail(path, "a template cannot give a canonical " + (vocabulary == null ? "record type" : "role"));
            }
        }

        void checkWord(String word, String path, Set<String> vocabulary) {
            if (vocabulary != null && !vocabulary.contains(word)) throw fail(path, "unknown role '" + word + "' (allowed: " + sorted(vocabulary) + ")");
            if (vocabulary == null && !Vocabulary.SNAKE.matcher(word).matches()) throw fail(path, "record types are lowercase_snake, got '" + word + "'");
        }

        DateSpec date(JsonNode n, String path, boolean requiredDefault) {
            if (n.isValueNode()) throw fail(path, "expected {column: ..., formats: [...]}");
            keys(n, path, DATE);
            String column = text(n.get("column"), path + ".column");
            List<String> patterns = texts(n.get("formats"), path + ".formats");
            if (patterns.isEmpty()) throw fail(path + ".formats", "at least one date format is required");
            List<DateTimeFormatter> fs = new ArrayList<>();
            for (int i = 0; i < patterns.size(); i++) {
                DateTimeFormatter f = compile(patterns.get(i), path + ".formats[" + i + "]");
                fs.add(f);
                if (DatePatterns.letters(patterns.get(i)).contains("MMM")) fs.add(f.withLocale(Locale.UK));
            }
            // An event needs its date: partial event dates are errors unless asked; dates of birth are often partial.
            String partial = optText(n.get("partial"), path + ".partial", requiredDefault ? "error" : "keep");
            if (!partial.equals("keep") && !partial.equals("error")) throw fail(path + ".partial", "expected keep or error, got '" + partial + "'");
            return new DateSpec(column, patterns, fs, bool(n.get("required"), path + ".required", requiredDefault), partial.equals("keep"));
        }

        DateTimeFormatter compile(String pattern, String path) {
            String strict = DatePatterns.forStrictResolution(pattern);
            if (!DatePatterns.letters(pattern).contains("y") && !DatePatterns.letters(pattern).contains("u")) {
                throw fail(path, "date pattern '" + pattern + "' has no year (y or u)");
            }
            try {
                // Case-insensitive English month names ("Sep", "SEP"); en_GB's own "Sept" is tried second.
                return new java.time.format.DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(strict)
                        .toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
            } catch (IllegalArgumentException e) {
                throw fail(path, "bad date pattern '" + pattern + "': " + e.getMessage());
            }
        }

        static String sorted(Set<String> s) { return String.join(", ", s.stream().sorted().toList()); }
    }
}
