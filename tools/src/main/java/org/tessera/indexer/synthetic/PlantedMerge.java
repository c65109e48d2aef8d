package org.tessera.indexer.synthetic;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The day of a {@code --deltas} run that merges two persons the history kept apart
 * (docs/synthetic-data.md, "Daily deltas"). A mother who came to A&amp;E with her child under one
 * family name signs a tenancy at the child's postcode under a new one, without a date of birth: in
 * the history the tenant and the mother are two persons (one given name, different family names,
 * nothing else in common). On the merge day the child comes to A&amp;E again, accompanied by her
 * under the new name: that occurrence is the same parent of the same child (one given name beside
 * one child) and the same tenant (one name, and the child's postcode is the tenancy's), so the
 * linker's household evidence joins all three, in a full run as in a day's incremental one.
 *
 * <p>Planted by adding two rows to the final data ({@code OUT/data}: the tenancy dated in the
 * history, the attendance on the merge day), each copied from the county's own rows so every
 * layout is kept, and their truth to {@code ground-truth/occurrences.csv}. Deterministic.
 */
final class PlantedMerge {

    static final String AE_SOURCE = "health_ae_attendances", HOUSING_SOURCE = "housing_tenancy_events";
    static final String AE_ID = "ED999999001", TENANCY_ID = "HE99999001";
    /** The family name the mother takes; another when hers already is it. */
    private static final List<String> NEW_FAMILY = List.of("Ashdown", "Pennington");

    private PlantedMerge() {
    }

    /** Plants the merge into {@code data} (and the truth beside it); null when the county has no accompanied A&amp;E attendance before {@code cutoff}. */
    static DeltaSplitter.Merge plant(Path out, LocalDate cutoff, LocalDate day) throws IOException {
        Path data = out.resolve("data");
        Path ae = data.resolve(AE_SOURCE + ".csv");
        Path housing = data.resolve(HOUSING_SOURCE + ".csv");
        if (!Files.isRegularFile(ae) || !Files.isRegularFile(housing)) {
            return null;
        }
        Charset aeCharset = StandardCharsets.UTF_8, housingCharset = Charset.forName("windows-1252");
        CSVRecord visit = null;
        List<String> aeHeader;
        try (Reader in = Files.newBufferedReader(ae, aeCharset);
             CSVParser rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            aeHeader = rows.getHeaderNames();
            for (CSVRecord row : rows) {
                String[] name = row.get("accompanied_by").trim().split(" ");
                LocalDate date = LocalDate.parse(row.get("arrival_datetime").substring(0, 10));
                if (name.length == 2 && !row.get("patient_postcode").isBlank() && !date.isAfter(cutoff)) {
                    visit = row;
                    break;
                }
            }
        }
        if (visit == null) {
            return null;
        }
        String[] name = visit.get("accompanied_by").trim().split(" ");
        String given = name[0];
        String family = NEW_FAMILY.get(0).equalsIgnoreCase(name[1]) ? NEW_FAMILY.get(1) : NEW_FAMILY.get(0);
        String postcode = visit.get("patient_postcode");

        List<String> housingHeader;
        try (Reader in = Files.newBufferedReader(housing, housingCharset);
             CSVParser rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            housingHeader = rows.getHeaderNames();
        }
        Map<String, String> tenancy = new java.util.HashMap<>();
        tenancy.put("event_id", TENANCY_ID);
        tenancy.put("tenancy_ref", "T" + postcode.replace(" ", "") + "-999");
        tenancy.put("tenant_name", "Ms " + given + " " + family);
        tenancy.put("postcode", postcode);
        tenancy.put("event_type", "TEN_START");
        tenancy.put("event_date", cutoff.minusDays(20).toString());
        tenancy.put("notes", "New tenancy signed. Tenant reports she has moved in with her partner.");
        append(housing, housingCharset, housingHeader, tenancy);

        Map<String, String> attendance = new java.util.HashMap<>(visit.toMap());
        attendance.put("attendance_id", AE_ID);
        attendance.put("arrival_datetime", day + visit.get("arrival_datetime").substring(10));
        attendance.put("accompanied_by", given + " " + family);
        append(ae, aeCharset, aeHeader, attendance);

        Path truth = out.resolve("ground-truth").resolve("occurrences.csv");
        if (Files.isRegularFile(truth)) {
            String child = null, mother = null;
            for (String line : Files.readAllLines(truth, StandardCharsets.UTF_8)) {
                String[] f = line.split(",", -1);
                if (f.length >= 5 && f[0].equals(AE_SOURCE) && f[1].equals(visit.get("attendance_id"))) {
                    if (f[2].equals("0")) {
                        child = f[4];
                    } else if (f[2].equals("1")) {
                        mother = f[4];
                    }
                }
            }
            if (child != null && mother != null) {
                Files.writeString(truth, String.join("\n", List.of(
                        AE_SOURCE + "," + AE_ID + ",0,subject," + child + ",",
                        AE_SOURCE + "," + AE_ID + ",1,parent," + mother + ",planted: new family name",
                        HOUSING_SOURCE + "," + TENANCY_ID + ",0,subject," + mother + ",planted: new family name")) + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
        }
        return new DeltaSplitter.Merge(day, AE_SOURCE + "/" + visit.get("attendance_id") + "/1", HOUSING_SOURCE + "/" + TENANCY_ID + "/0",
                AE_SOURCE + "/" + AE_ID);
    }

    /** Appends one row in the file's own header order and line ending. */
    private static void append(Path file, Charset charset, List<String> header, Map<String, String> values) throws IOException {
        String text = Files.readString(file, charset);
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> row = new ArrayList<>();
        for (String column : header) {
            row.add(values.getOrDefault(column, ""));
        }
        StringWriter line = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(line, CSVFormat.DEFAULT.builder().setRecordSeparator(newline).get())) {
            printer.printRecord(row);
        }
        String prefix = text.isEmpty() || text.endsWith("\n") ? "" : newline;
        Files.writeString(file, prefix + line, charset, StandardOpenOption.APPEND);
    }
}
