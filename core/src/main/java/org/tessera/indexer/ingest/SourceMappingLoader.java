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

    private static final Set<String> TOP = Set.of("source", "agency", "description", "files", "exclude", "format", "required_columns", "record", "people", "feed");
    private static final Set<String> FEED = Set.of("kind", "tombstones");
    private static final Set<String> FORMAT = Set.of("type", "delimiter", "quote", "encoding", "header", "columns", "trim");
    private static final Set<String> RECORD = Set.of("id", "group_by", "type", "date", "title", "text", "codes", "location");
    private static final Set<String> LOCATION = Set.of("address", "postcode");
    private static final Set<String> PERSON = Set.of("role", "when", "for_each", "given_names", "family_name", "full_name",
            "other_names", "date_of_birth", "gender", "address", "postcode", "identifiers", "list", "name_format", "titles", "title");
    private static final Set<String> VALUE = Set.of("column", "map", "default", "unknown", "constant",
            "element", "join", "capture", "as", "when", "compute", "decimals");
    private static final Set<String> DATE = Set.of("column", "formats", "required", "partial", "term_calendar");
    private static final Set<String> LIST = Set.of("column", "separator", "pattern", "unmatched");
    private static final Set<String> WHEN = Set.of("column", "is", "is_not");
    private static final Set<String> CALENDAR = Set.of("academic_year", "term", "terms", "year_starts", "at");
    private static final Set<String> TERM = Set.of("start", "end");
    /** English school terms and half-terms (approximate; a mapping sets its own with {@code terms}). */
    static final Map<String, SourceMapping.Term> ENGLISH_TERMS = Map.of(
            "AUT", term("09-01", "12-20"), "SPR", term("01-05", "03-31"), "SUM", term("04-14", "07-22"),
            "AUT1", term("09-01", "10-24"), "AUT2", term("11-03", "12-19"), "SPR1", term("01-05", "02-13"),
            "SPR2", term("02-23", "04-02"), "SUM1", term("04-20", "05-22"), "SUM2", term("06-01", "07-21"));

    private static SourceMapping.Term term(String start, String end) {
        return new SourceMapping.Term(java.time.MonthDay.parse("--" + start), java.time.MonthDay.parse("--" + end));
    }
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

        /** The entries of an optional mapping: none when absent or null; {@code expected} says what it must be otherwise. */
        List<Map.Entry<String, JsonNode>> entries(JsonNode n, String path, String expected) {
            if (n == null || n.isNull()) return List.of();
            if (!n.isObject()) throw fail(path, expected);
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            n.fields().forEachRemaining(entries::add);
            return entries;
        }

        /** An optional mapping of lowercase_snake names ({@code names}, for the error) to values, in file order. */
        Map<String, ValueSpec> snakeValues(JsonNode n, String path, String expected, String names) {
            Map<String, ValueSpec> values = new LinkedHashMap<>();
            for (var e : entries(n, path, expected)) {
                String p = path + "." + e.getKey();
                if (!Vocabulary.SNAKE.matcher(e.getKey()).matches()) throw fail(p, names + " are lowercase_snake");
                values.put(e.getKey(), value(e.getValue(), p, false));
            }
            return values;
        }

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
            for (int i = 0; i < files.size(); i++) glob(files.get(i), files.size() == 1 && root.get("files").isValueNode() ? "files" : "files[" + i + "]");
            List<String> exclude = texts(root.get("exclude"), "exclude");
            for (int i = 0; i < exclude.size(); i++) glob(exclude.get(i), root.get("exclude").isValueNode() ? "exclude" : "exclude[" + i + "]");
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
            return new SourceMapping(file, source, agency, description, files, exclude, format, required, record, people,
                    feed(root.get("feed"), files));
        }

        /** {@code feed: snapshot|delta} or {@code feed: {kind: delta, tombstones: [globs]}}; absent: snapshot. */
        SourceMapping.Feed feed(JsonNode n, List<String> files) {
            if (n == null || n.isNull()) return SourceMapping.Feed.SNAPSHOT;
            JsonNode kindNode = n;
            List<String> tombstones = List.of();
            if (n.isObject()) {
                keys(n, "feed", FEED);
                kindNode = n.get("kind");
                if (kindNode == null) throw fail("feed.kind", "required key missing (snapshot or delta)");
                tombstones = texts(n.get("tombstones"), "feed.tombstones");
            }
            String kind = text(kindNode, n.isObject() ? "feed.kind" : "feed").toLowerCase(Locale.ROOT);
            SourceMapping.FeedKind feedKind = switch (kind) {
                case "snapshot" -> SourceMapping.FeedKind.SNAPSHOT;
                case "delta" -> SourceMapping.FeedKind.DELTA;
                default -> throw fail(n.isObject() ? "feed.kind" : "feed", "must be snapshot or delta, got '" + kind + "'");
            };
            if (feedKind == SourceMapping.FeedKind.SNAPSHOT && !tombstones.isEmpty()) {
                throw fail("feed.tombstones", "only a delta feed withdraws by tombstone; a snapshot withdraws what a complete delivery lacks");
            }
            for (int i = 0; i < tombstones.size(); i++) {
                glob(tombstones.get(i), "feed.tombstones[" + i + "]");
                for (String extract : files) {
                    if (java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + extract)
                            .matches(java.nio.file.Path.of(tombstones.get(i).replace("*", "x").replace("?", "x")))) {
                        throw fail("feed.tombstones[" + i + "]", "'" + tombstones.get(i) + "' is also claimed by files glob '" + extract
                                + "': a tombstone file would be read as an extract");
                    }
                }
            }
            return new SourceMapping.Feed(feedKind, tombstones);
        }

        void glob(String glob, String path) {
            try {
                java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (IllegalArgumentException e) {
                throw fail(path, "bad glob '" + glob + "': " + e.getMessage());
            }
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
            Map<String, ValueSpec> codes = snakeValues(n.get("codes"), "record.codes", "expected a mapping of code name to value", "code names");
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
            SourceMapping.ListSpec list = n.has("list") ? list(n.get("list"), path + ".list") : null;
            if (list != null && forEach != null) throw fail(path + ".list", "use either list or for_each, not both");
            String nf = optText(n.get("name_format"), path + ".name_format", "auto");
            SourceMapping.NameFormat nameFormat = switch (nf) {
                case "auto" -> SourceMapping.NameFormat.AUTO;
                case "given_first" -> SourceMapping.NameFormat.GIVEN_FIRST;
                case "family_first" -> SourceMapping.NameFormat.FAMILY_FIRST;
                default -> throw fail(path + ".name_format", "expected auto, given_first or family_first, got '" + nf + "'");
            };
            String titles = optText(n.get("titles"), path + ".titles", "strip");
            if (!titles.equals("strip") && !titles.equals("keep")) throw fail(path + ".titles", "expected strip or keep, got '" + titles + "'");
            ValueSpec full = value(n.get("full_name"), path + ".full_name", false);
            ValueSpec given = value(n.get("given_names"), path + ".given_names", false);
            ValueSpec family = value(n.get("family_name"), path + ".family_name", false);
            if (full != null && (given != null || family != null)) throw fail(path + ".full_name", "use either full_name or given_names/family_name, not both");
            Map<String, ValueSpec> ids = snakeValues(n.get("identifiers"), path + ".identifiers", "expected a mapping of scheme to value",
                    "identifier schemes");
            DateSpec dob = n.has("date_of_birth") ? date(n.get("date_of_birth"), path + ".date_of_birth", false) : null;
            return new PersonSpec(role, value(n.get("when"), path + ".when", false), forEach, given, family, full,
                    value(n.get("other_names"), path + ".other_names", false), dob,
                    value(n.get("gender"), path + ".gender", false), value(n.get("address"), path + ".address", false),
                    value(n.get("postcode"), path + ".postcode", false), ids, list, nameFormat, titles.equals("strip"),
                    value(n.get("title"), path + ".title", false));
        }

        SourceMapping.ListSpec list(JsonNode n, String path) {
            if (n.isValueNode()) throw fail(path, "expected {column: ..., separator: ..., pattern: ...}");
            keys(n, path, LIST);
            String column = text(n.get("column"), path + ".column");
            JsonNode sepNode = n.get("separator");
            String sep = sepNode == null || sepNode.isNull() ? ";" : sepNode.asText();
            if (sep.isEmpty()) throw fail(path + ".separator", "must not be empty");
            java.util.regex.Pattern pattern = null;
            List<String> groups = List.of();
            if (n.has("pattern")) {
                pattern = regex(text(n.get("pattern"), path + ".pattern"), path + ".pattern");
                groups = List.copyOf(new java.util.TreeMap<>(pattern.namedGroups()).keySet());
                if (groups.isEmpty()) throw fail(path + ".pattern", "needs at least one named group, e.g. (?<name>[^(]+)");
            }
            String unmatched = optText(n.get("unmatched"), path + ".unmatched", "warning");
            if (!unmatched.equals("warning") && !unmatched.equals("error")) throw fail(path + ".unmatched", "expected warning or error, got '" + unmatched + "'");
            return new SourceMapping.ListSpec(column, java.util.regex.Pattern.compile("\\s*" + java.util.regex.Pattern.quote(sep.trim().isEmpty() ? sep : sep.trim()) + "\\s*"),
                    sep, pattern, groups, unmatched.equals("error"));
        }

        java.util.regex.Pattern regex(String s, String path) {
            try {
                return java.util.regex.Pattern.compile(s);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw fail(path, "bad pattern: " + e.getDescription() + " near position " + e.getIndex());
            }
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
            ValueSpec.Condition when = n.has("when") ? condition(n.get("when"), path + ".when") : null;
            ValueSpec inner = unconditional(n, path);
            return when == null ? inner : new ValueSpec.Conditional(when, inner);
        }

        ValueSpec.Condition condition(JsonNode n, String path) {
            if (n.isValueNode()) return new ValueSpec.Condition(text(n, path), List.of(), false);
            keys(n, path, WHEN);
            String column = text(n.get("column"), path + ".column");
            if (n.has("is") && n.has("is_not")) throw fail(path, "use either is or is_not, not both");
            boolean negate = n.has("is_not");
            List<String> values = texts(n.get(negate ? "is_not" : "is"), path + (negate ? ".is_not" : ".is"));
            if (negate && values.isEmpty()) throw fail(path + ".is_not", "at least one value is required");
            return new ValueSpec.Condition(column, values, negate);
        }

        ValueSpec unconditional(JsonNode n, String path) {
            if (n.has("compute")) {
                for (String k : List.of("column", "constant", "map", "default", "unknown", "element", "join", "capture", "as")) {
                    if (n.has(k)) throw fail(path + "." + k, "compute takes only decimals and when");
                }
                String expr = text(n.get("compute"), path + ".compute");
                Arithmetic a;
                try {
                    a = Arithmetic.parse(expr);
                } catch (IllegalArgumentException e) {
                    throw fail(path + ".compute", "bad expression \"" + expr + "\": " + e.getMessage());
                }
                int decimals = 2;
                JsonNode d = n.get("decimals");
                if (d != null && !d.isNull()) {
                    if (!d.canConvertToInt() || !d.isIntegralNumber() || d.intValue() < 0 || d.intValue() > 10) throw fail(path + ".decimals", "expected a whole number from 0 to 10");
                    decimals = d.intValue();
                }
                return new ValueSpec.Computed(expr, a, decimals);
            }
            if (n.has("decimals")) throw fail(path + ".decimals", "applies to compute only");
            if (n.has("constant")) {
                for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!k.equals("constant") && !k.equals("when")) throw fail(path + "." + k, "constant takes no other keys (except when)");
                }
                return new ValueSpec.Constant(text(n.get("constant"), path + ".constant"));
            }
            String column = text(n.get("column"), path + ".column");
            Map<String, String> map = new LinkedHashMap<>();
            for (var e : entries(n.get("map"), path + ".map", "expected a mapping of source code to canonical value")) {
                map.put(e.getKey().trim(), text(e.getValue(), path + ".map." + e.getKey()));
            }
            String dflt = optText(n.get("default"), path + ".default", null);
            String unknown = optText(n.get("unknown"), path + ".unknown", "warning");
            ValueSpec.Severity sev = switch (unknown) {
                case "warning" -> ValueSpec.Severity.WARNING;
                case "error" -> ValueSpec.Severity.ERROR;
                default -> throw fail(path + ".unknown", "expected warning or error, got '" + unknown + "'");
            };
            return new ValueSpec.Mapped(column, map, dflt, sev, pick(n, path));
        }

        /** The v2 steps on a column's value; null when none is given (v1 behaviour). */
        ValueSpec.Pick pick(JsonNode n, String path) {
            if (!n.has("element") && !n.has("join") && !n.has("capture") && !n.has("as")) return null;
            Integer element = null;
            JsonNode e = n.get("element");
            if (e != null && !e.isNull()) {
                if (!e.isIntegralNumber()) throw fail(path + ".element", "expected a whole number (0 = first, -1 = last), got '" + e.asText() + "'");
                element = e.intValue();
            }
            String join = null;
            JsonNode j = n.get("join");
            if (j != null && !j.isNull()) {
                if (!j.isValueNode() || j.asText().isEmpty()) throw fail(path + ".join", "expected a separator such as \" \" or \", \"");
                if (element != null) throw fail(path + ".join", "use either element or join, not both");
                join = j.asText();
            }
            java.util.regex.Pattern capture = n.has("capture") ? regex(text(n.get("capture"), path + ".capture"), path + ".capture") : null;
            String as = optText(n.get("as"), path + ".as", "text");
            if (!as.equals("text") && !as.equals("number")) throw fail(path + ".as", "expected text or number, got '" + as + "'");
            return new ValueSpec.Pick(element, join, capture, as.equals("number"));
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
                case ValueSpec.Conditional c -> checkCanonical(c.then(), path, vocabulary);
                case ValueSpec.Computed c -> throw fail(path, "a computed value cannot give a canonical " + (vocabulary == null ? "record type" : "role"));
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
            // An event needs its date: partial event dates are errors unless asked; dates of birth are often partial.
            boolean required = bool(n.get("required"), path + ".required", requiredDefault);
            if (n.has("term_calendar")) {
                if (n.has("column") || n.has("formats")) throw fail(path + ".term_calendar", "use either term_calendar or column/formats, not both");
                if (n.has("partial")) throw fail(path + ".partial", "does not apply to term_calendar");
                SourceMapping.TermCalendar cal = calendar(n.get("term_calendar"), path + ".term_calendar");
                return new DateSpec(cal.academicYear(), List.of(), List.of(), required, false, null, cal);
            }
            String column = text(n.get("column"), path + ".column");
            ValueSpec value = column.contains("{") ? template(column, path + ".column") : null;
            List<String> patterns = texts(n.get("formats"), path + ".formats");
            if (patterns.isEmpty()) throw fail(path + ".formats", "at least one date format is required");
            List<DateTimeFormatter> fs = new ArrayList<>();
            for (int i = 0; i < patterns.size(); i++) {
                DateTimeFormatter f = compile(patterns.get(i), path + ".formats[" + i + "]");
                fs.add(f);
                if (DatePatterns.letters(patterns.get(i)).contains("MMM")) fs.add(f.withLocale(Locale.UK));
            }
            String partial = optText(n.get("partial"), path + ".partial", requiredDefault ? "error" : "keep");
            if (!partial.equals("keep") && !partial.equals("error")) throw fail(path + ".partial", "expected keep or error, got '" + partial + "'");
            return new DateSpec(column, patterns, fs, required, partial.equals("keep"), value, null);
        }

        SourceMapping.TermCalendar calendar(JsonNode n, String path) {
            if (n.isValueNode()) throw fail(path, "expected {academic_year: ..., term: ..., terms: {...}}");
            keys(n, path, CALENDAR);
            String year = text(n.get("academic_year"), path + ".academic_year");
            String term = text(n.get("term"), path + ".term");
            Map<String, SourceMapping.Term> terms = new LinkedHashMap<>();
            JsonNode t = n.get("terms");
            if (t == null || t.isNull()) {
                terms.putAll(ENGLISH_TERMS);
            } else {
                if (!t.isObject() || t.isEmpty()) throw fail(path + ".terms", "expected a mapping of term code to {start: MM-dd, end: MM-dd}");
                for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
                    var e = it.next();
                    String p = path + ".terms." + e.getKey();
                    keys(e.getValue(), p, TERM);
                    java.time.MonthDay start = monthDay(e.getValue().get("start"), p + ".start");
                    java.time.MonthDay end = monthDay(e.getValue().get("end"), p + ".end");
                    if (terms.put(e.getKey().trim().toUpperCase(Locale.ROOT), new SourceMapping.Term(start, end)) != null) {
                        throw fail(p, "term code given twice (codes ignore case)");
                    }
                }
            }
            java.time.MonthDay yearStart = n.has("year_starts") ? monthDay(n.get("year_starts"), path + ".year_starts") : java.time.MonthDay.of(8, 1);
            String at = optText(n.get("at"), path + ".at", "start");
            if (!at.equals("start") && !at.equals("end")) throw fail(path + ".at", "expected start or end, got '" + at + "'");
            return new SourceMapping.TermCalendar(year, term, terms, yearStart, at.equals("end"));
        }

        java.time.MonthDay monthDay(JsonNode n, String path) {
            String s = text(n, path);
            try {
                return java.time.MonthDay.parse("--" + s);
            } catch (java.time.format.DateTimeParseException e) {
                throw fail(path, "expected a month and day as MM-dd (e.g. 09-01), got '" + s + "'");
            }
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
