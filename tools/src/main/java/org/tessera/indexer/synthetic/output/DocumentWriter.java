package org.tessera.indexer.synthetic.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.tessera.indexer.synthetic.events.PlannedEvent;
import org.tessera.indexer.synthetic.events.HouseholdPlan;
import org.tessera.indexer.synthetic.noise.PresentedIdentity;
import org.tessera.indexer.synthetic.notes.ComposedNote;
import org.tessera.indexer.synthetic.population.Address;
import org.tessera.indexer.synthetic.population.Person;

/**
 * Referral forms (PDF, or plain text as some agencies e-mail them), conference invitation letters
 * (DOCX) and DSL e-mails (EML, RFC 822) for a small share of records; some with a
 * {@code NAME.EXT.meta.json} sidecar, some without ({@code sidecarRate}; 0 gives documents as a
 * MASH receives them). Layouts vary as real referrals do: the subject in the title, a
 * {@code Re:} line or labelled fields (one field or surname and forename apart), upper-case
 * surnames, surname first, dates of birth in several formats, address blocks or labelled
 * addresses, parents and siblings named. The variation is drawn from a generator seeded by the
 * document's own id, so the county's other records are the same whatever the layouts. Not
 * thread-safe.
 */
public final class DocumentWriter {
    public static final String SOURCE_REFERRAL_FORMS = "documents_referral_forms";
    public static final String SOURCE_LETTERS = "documents_letters";
    public static final String SOURCE_EMAILS = "documents_emails";
    /** Share of documents that come with a sidecar, by default. */
    public static final double SIDECAR_RATE = 0.6;
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter RFC = DateTimeFormatter.RFC_1123_DATE_TIME;
    /** Date-of-birth formats agencies write. */
    private static final List<DateTimeFormatter> DOB_FORMATS = List.of(AgencyWriter.UK_DATE,
            DateTimeFormatter.ofPattern("d.M.yyyy"), DateTimeFormatter.ofPattern("dd-MM-yyyy"),
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK), DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK),
            DateTimeFormatter.ofPattern("yyyy-MM-dd"), DateTimeFormatter.ofPattern("dd.MM.yy"));

    private final Path dir;
    private final double rate;
    private final double sidecarRate;
    private final GroundTruthWriter truth;
    private final PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private long count;

    public DocumentWriter(Path dir, double rate, GroundTruthWriter truth) throws IOException {
        this(dir, rate, SIDECAR_RATE, truth);
    }

    /** @param sidecarRate share of documents written with a sidecar (0: none, as referrals arrive) */
    public DocumentWriter(Path dir, double rate, double sidecarRate, GroundTruthWriter truth) throws IOException {
        if (sidecarRate < 0 || sidecarRate > 1) {
            throw new IllegalArgumentException("sidecarRate must be 0..1: " + sidecarRate);
        }
        this.dir = dir;
        this.rate = rate;
        this.sidecarRate = sidecarRate;
        this.truth = truth;
        Files.createDirectories(dir.resolve("referral-forms"));
        Files.createDirectories(dir.resolve("letters"));
        Files.createDirectories(dir.resolve("emails"));
    }

    public long count() {
        return count;
    }

    private boolean chosen(PlannedEvent e, SplittableRandom rng) {
        return rng.nextDouble() < rate * (e.planted() ? 5 : 1);
    }

    /** The layout generator of one document: seeded by its id, so the county's own draws are untouched. */
    private static SplittableRandom layout(String id) {
        return new SplittableRandom(id.hashCode() * 0x9E3779B97F4A7C15L);
    }

    private static String dob(PresentedIdentity child, SplittableRandom look) {
        DateTimeFormatter f = DOB_FORMATS.get(look.nextInt(DOB_FORMATS.size()));
        return child.dob() == null ? "not known" : child.dob().format(f);
    }

    /** "Daniel Ford", "Daniel FORD", "FORD, Daniel". */
    private static String name(PresentedIdentity p, SplittableRandom look) {
        return switch (look.nextInt(4)) {
            case 0, 1 -> p.full();
            case 2 -> p.given() + " " + p.family().toUpperCase(Locale.ROOT);
            default -> p.family().toUpperCase(Locale.ROOT) + ", " + p.given();
        };
    }

    private static String siblings(HouseholdPlan plan, String childGiven) {
        StringBuilder b = new StringBuilder();
        for (Person c : plan.household().children()) {
            if (!c.givenName().equals(childGiven)) {
                b.append(b.isEmpty() ? "" : "; ").append(c.fullName()).append(" (").append(c.dateOfBirth().format(AgencyWriter.UK_DATE)).append(')');
            }
        }
        return b.toString();
    }

    public void maybeReferralForm(PlannedEvent e, HouseholdPlan plan, PresentedIdentity child, ComposedNote note,
                                  SplittableRandom rng, String referralId) {
        if (!chosen(e, rng)) {
            return;
        }
        SplittableRandom look = layout(referralId);
        Address a = plan.household().addressOn(e.at().toLocalDate());
        Person carer = plan.household().mainCarer().orElse(null);
        String consent = rng.nextBoolean() ? "Yes" : "No - safeguarding concern";
        String referred = e.at().toLocalDate().format(AgencyWriter.UK_DATE);
        int style = look.nextInt(4);
        List<String[]> fields = new ArrayList<>();
        String pdfTitle = "Multi-Agency Referral Form";
        String heading = "Tessershire Multi-Agency Referral Form (MARF)";
        switch (style) {
            case 0 -> {
                fields.add(new String[] {List.of("Child's name", "Name of child", "Child/young person").get(look.nextInt(3)), name(child, look)});
                fields.add(new String[] {List.of("Date of birth", "DOB", "D.O.B.").get(look.nextInt(3)), dob(child, look)});
                fields.add(new String[] {"Address", a.line1() + ", " + a.town()});
                fields.add(new String[] {"Postcode", a.postcode()});
            }
            case 1 -> {
                fields.add(new String[] {"Surname", child.family().toUpperCase(Locale.ROOT)});
                fields.add(new String[] {"Forename(s)", child.given()});
                fields.add(new String[] {"D.O.B.", dob(child, look)});
                fields.add(new String[] {"Home address", a.line1() + ", " + a.town() + " " + a.postcode()});
            }
            default -> {
                // The subject in the title and an address block in the first lines, the rest in prose.
                pdfTitle = "Safeguarding referral - " + child.family().toUpperCase(Locale.ROOT) + ", " + child.given()
                        + (child.dob() == null ? "" : " (DOB " + child.dob().format(AgencyWriter.UK_DATE) + ")");
                heading = "Safeguarding referral to the MASH";
                fields.add(new String[] {"Lives at", a.line1() + ", " + a.town() + ", " + a.postcode()});
            }
        }
        if (carer != null) {
            fields.add(new String[] {List.of("Parent / carer", "Mother", "Parent/Carer").get(look.nextInt(3)), carer.fullName()});
        }
        String sibs = siblings(plan, child.given());
        if (!sibs.isEmpty() && look.nextBoolean()) {
            fields.add(new String[] {"Siblings", sibs});
        }
        fields.add(new String[] {"Date of referral", referred});
        fields.add(new String[] {"Referring agency", List.of("Tessbury Health Visiting Team", "Tessershire Police",
                "Children's Services Early Help", "Tessbury Primary School").get(look.nextInt(4))});
        fields.add(new String[] {"Consent obtained", consent});
        if (style == 3) {
            // Plain text, as some referrers paste the form into an e-mail and save it.
            String name = "MARF-" + referralId + ".txt";
            Path file = dir.resolve("referral-forms").resolve(name);
            StringBuilder b = new StringBuilder("REFERRAL TO MASH\n\n");
            b.append("Re: ").append(name(child, look)).append(child.dob() == null ? "" : ", born " + dob(child, look)).append("\n");
            for (String[] f : fields) {
                b.append(f[0]).append(": ").append(f[1]).append('\n');
            }
            b.append("\nReason for referral\n").append(note.text()).append('\n');
            write(file, b.toString());
            finish(file, "txt", SOURCE_REFERRAL_FORMS, "social_care", "referral", e, plan, child, rng);
            return;
        }
        String name = "MARF-" + referralId + ".pdf";
        Path file = dir.resolve("referral-forms").resolve(name);
        try (PDDocument doc = new PDDocument()) {
            // Fixed id and dates so the same seed gives byte-identical files.
            doc.setDocumentId((long) referralId.hashCode());
            java.util.Calendar created = java.util.GregorianCalendar.from(e.at().atZone(ZoneId.of("Europe/London")));
            doc.getDocumentInformation().setCreationDate(created);
            doc.getDocumentInformation().setModificationDate(created);
            doc.getDocumentInformation().setTitle(winAnsi(pdfTitle));
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                float y = 790;
                y = line(cs, bold, 14, 50, y, heading);
                y -= 10;
                for (String[] f : fields) {
                    y = line(cs, bold, 10, 50, y, f[0] + ":");
                    y = line(cs, font, 10, 200, y + 14, f[1]);
                }
                y -= 10;
                y = line(cs, bold, 11, 50, y, "Reason for referral");
                for (String l : wrap(note.text(), 95)) {
                    y = line(cs, font, 10, 50, y, l);
                    if (y < 60) {
                        break;
                    }
                }
            }
            doc.save(file.toFile());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        finish(file, "pdf", SOURCE_REFERRAL_FORMS, "social_care", "referral", e, plan, child, rng);
    }

    public void maybeConferenceLetter(PlannedEvent e, HouseholdPlan plan, PresentedIdentity child, SplittableRandom rng,
                                      String s47Id) {
        if (!chosen(e, rng) || !e.attr(PlannedEvent.Attr.OUTCOME).equals("Y")) {
            return;
        }
        SplittableRandom look = layout(s47Id);
        Person carer = plan.household().mainCarer().orElse(null);
        Address a = plan.household().addressOn(e.at().toLocalDate());
        String name = "ICPC-invite-" + s47Id.replace('/', '-') + ".docx";
        Path file = dir.resolve("letters").resolve(name);
        java.time.LocalDate icpc = java.time.LocalDate.parse(e.attr(PlannedEvent.Attr.END));
        String re = switch (look.nextInt(3)) {
            case 0 -> "Re: " + name(child, look) + (child.dob() == null ? "" : " (DOB " + dob(child, look) + ")");
            case 1 -> "RE: " + child.full() + (child.dob() == null ? "" : ", date of birth " + dob(child, look));
            default -> "Child: " + name(child, look) + (child.dob() == null ? "" : "  D.O.B. " + dob(child, look));
        };
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        try (XWPFDocument doc = new XWPFDocument()) {
            doc.getProperties().getCoreProperties().setCreated(java.util.Optional.of(
                    java.util.Date.from(e.at().atZone(ZoneId.of("Europe/London")).toInstant())));
            para(doc, "Tessershire County Council - Children's Services", true);
            para(doc, carer == null ? "The Parent/Carer" : carer.fullName(), false);
            para(doc, a.line1(), false);
            para(doc, a.town() + " " + a.postcode(), false);
            para(doc, e.at().toLocalDate().format(look.nextBoolean() ? LONG : AgencyWriter.UK_DATE), false);
            para(doc, "Dear " + (carer == null ? "Parent/Carer" : carer.givenName()), false);
            para(doc, re, true);
            para(doc, "Following the Section 47 enquiry, an Initial Child Protection Conference will be held on "
                    + icpc.format(LONG) + " at 10:00 at Shire Hall, Tessbury. You are invited to attend and may bring "
                    + "a friend or advocate. The conference will consider whether " + child.given()
                    + " should be subject to a child protection plan.", false);
            para(doc, "Yours sincerely,", false);
            para(doc, "Child Protection Chair, Safeguarding Unit", false);
            doc.write(buffer);
            writeStableZip(buffer.toByteArray(), file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        finish(file, "docx", SOURCE_LETTERS, "social_care", "document", e, plan, child, rng);
    }

    public void maybeEmail(PlannedEvent e, HouseholdPlan plan, PresentedIdentity child, String school, ComposedNote note,
                           SplittableRandom rng) {
        boolean eligible = e.planted() || e.attr(PlannedEvent.Attr.CATEGORY).equals("Safeguarding");
        if (!eligible || !chosen(e, rng)) {
            return;
        }
        String id = "EML-" + plan.household().index() + "-" + e.at().toLocalDate() + "-" + rng.nextInt(1000);
        SplittableRandom look = layout(id);
        Path file = dir.resolve("emails").resolve(id + ".eml");
        String slug = school.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "");
        String dob = child.dob() == null ? "" : dob(child, look);
        String subject;
        String opening;
        switch (look.nextInt(3)) {
            case 0 -> {
                subject = "Safeguarding concern - " + child.given() + " " + child.family();
                opening = "Please see below a concern logged today regarding " + name(child, look)
                        + (dob.isEmpty() ? "" : ", DOB " + dob) + ".";
            }
            case 1 -> {
                subject = "CONFIDENTIAL: concern logged for " + name(child, look);
                opening = "Pupil: " + child.full() + "\r\nDate of birth: " + (dob.isEmpty() ? "not known" : dob)
                        + (child.upn() == null ? "" : "\r\nUPN: " + child.upn()) + "\r\n\r\nConcern logged today:";
            }
            default -> {
                subject = "Concern logged on CPOMS";
                opening = "I am writing about " + child.full() + (dob.isEmpty() ? "" : " (born " + dob + ")")
                        + ", who attends " + school + ".";
            }
        }
        String body = "Hi MASH team,\r\n\r\n" + opening + "\r\n\r\n"
                + note.text() + "\r\n\r\nKind regards\r\nDesignated Safeguarding Lead\r\n" + school + "\r\n";
        String eml = "From: DSL <dsl@" + slug + ".sch.uk>\r\n"
                + "To: MASH <mash@tessershire.gov.uk>\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: " + e.at().atZone(ZoneId.of("Europe/London")).format(RFC) + "\r\n"
                + "Message-ID: <" + id + "@" + slug + ".sch.uk>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + body;
        write(file, eml);
        finish(file, "eml", SOURCE_EMAILS, "education", "case_note", e, plan, child, rng);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void finish(Path file, String format, String source, String agency, String type, PlannedEvent e,
                        HouseholdPlan plan, PresentedIdentity child, SplittableRandom rng) {
        count++;
        String recordId = file.getFileName().toString();
        // Always drawn, so the county's other records do not depend on the sidecar rate.
        boolean sidecar = rng.nextDouble() < sidecarRate;
        if (sidecar) {
            Address a = plan.household().addressOn(e.at().toLocalDate());
            StringBuilder ids = new StringBuilder();
            if (child.nhsNumber() != null) {
                ids.append("\"nhs_number\":").append(JsonString.str(child.nhsNumber()));
            }
            if (child.upn() != null) {
                ids.append(ids.isEmpty() ? "" : ",").append("\"upn\":").append(JsonString.str(child.upn()));
            }
            String json = "{\"source\":" + JsonString.str(source) + ",\"record_id\":" + JsonString.str(recordId) + ",\"agency\":"
                    + JsonString.str(agency) + ",\"record_type\":" + JsonString.str(type) + ",\"event_date\":"
                    + JsonString.str(e.at().toLocalDate().toString()) + ",\"people\":[{\"role\":\"subject\",\"given_names\":"
                    + JsonString.str(child.given()) + ",\"family_name\":" + JsonString.str(child.family()) + ",\"date_of_birth\":"
                    + JsonString.str(child.dob() == null ? null : child.dob().toString()) + ",\"postcode\":"
                    + JsonString.str(a.postcode()) + ",\"identifiers\":{" + ids + "}}]}\n";
            try {
                Files.writeString(file.resolveSibling(file.getFileName() + ".meta.json"), json, StandardCharsets.UTF_8);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            truth.occurrence(source, recordId, 0, "subject", e.subject(), child.applied());
        }
        truth.document(dir.getParent().relativize(file).toString(), format, sidecar, source, recordId, e);
    }

    /** Re-zips with fixed entry times: OOXML packages otherwise carry the wall-clock time. */
    private static void writeStableZip(byte[] zip, Path file) throws IOException {
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip));
             java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            java.util.zip.ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                java.util.zip.ZipEntry copy = new java.util.zip.ZipEntry(entry.getName());
                copy.setTime(315532800000L);
                out.putNextEntry(copy);
                in.transferTo(out);
                out.closeEntry();
            }
        }
    }

    private float line(PDPageContentStream cs, PDType1Font f, float size, float x, float y, String text)
            throws IOException {
        cs.beginText();
        cs.setFont(f, size);
        cs.newLineAtOffset(x, y);
        cs.showText(winAnsi(text));
        cs.endText();
        return y - size * 1.4f;
    }

    /** The standard 14 fonts only hold WinAnsi; fold accents and drop anything else. */
    static String winAnsi(String s) {
        String folded = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder b = new StringBuilder(folded.length());
        for (char c : folded.toCharArray()) {
            b.append(c >= 32 && c < 127 || c == '£' ? c : c == '\u0142' ? 'l' : '?');
        }
        return b.toString();
    }

    private static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String w : text.split("\\s+")) {
            if (cur.length() + w.length() + 1 > width) {
                out.add(cur.toString());
                cur.setLength(0);
            }
            cur.append(cur.isEmpty() ? "" : " ").append(w);
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    private static void para(XWPFDocument doc, String text, boolean boldText) {
        XWPFRun run = doc.createParagraph().createRun();
        run.setBold(boldText);
        run.setText(text);
    }
}
