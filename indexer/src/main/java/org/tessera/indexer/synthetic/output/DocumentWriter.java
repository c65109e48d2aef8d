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
import org.tessera.indexer.synthetic.events.Event;
import org.tessera.indexer.synthetic.events.HouseholdPlan;
import org.tessera.indexer.synthetic.noise.PresentedIdentity;
import org.tessera.indexer.synthetic.notes.ComposedNote;
import org.tessera.indexer.synthetic.population.Address;
import org.tessera.indexer.synthetic.population.Person;

/**
 * Referral forms (PDF), conference invitation letters (DOCX) and DSL emails (EML, RFC 822) for a
 * small share of records; some with a {@code NAME.EXT.meta.json} sidecar, some without. Not
 * thread-safe.
 */
public final class DocumentWriter {
    public static final String SOURCE_REFERRAL_FORMS = "documents_referral_forms";
    public static final String SOURCE_LETTERS = "documents_letters";
    public static final String SOURCE_EMAILS = "documents_emails";
    /** Share of documents that come with a sidecar. */
    public static final double SIDECAR_RATE = 0.6;
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter RFC = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final Path dir;
    private final double rate;
    private final GroundTruthWriter truth;
    private final PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private long count;

    public DocumentWriter(Path dir, double rate, GroundTruthWriter truth) throws IOException {
        this.dir = dir;
        this.rate = rate;
        this.truth = truth;
        Files.createDirectories(dir.resolve("referral-forms"));
        Files.createDirectories(dir.resolve("letters"));
        Files.createDirectories(dir.resolve("emails"));
    }

    public long count() {
        return count;
    }

    private boolean chosen(Event e, SplittableRandom rng) {
        return rng.nextDouble() < rate * (e.planted() ? 5 : 1);
    }

    public void maybeReferralForm(Event e, HouseholdPlan plan, PresentedIdentity child, ComposedNote note,
                                  SplittableRandom rng, String referralId) {
        if (!chosen(e, rng)) {
            return;
        }
        String name = "MARF-" + referralId + ".pdf";
        Address a = plan.household().addressOn(e.at().toLocalDate());
        Person carer = plan.household().mainCarer().orElse(null);
        List<String[]> fields = List.of(
                new String[] {"Child's name", child.full()},
                new String[] {"Date of birth", child.dob() == null ? "not known" : child.dob().format(AgencyWriter.UK_DATE)},
                new String[] {"Address", a.line1() + ", " + a.town()},
                new String[] {"Postcode", a.postcode()},
                new String[] {"Parent / carer", carer == null ? "" : carer.fullName()},
                new String[] {"Date of referral", e.at().toLocalDate().format(AgencyWriter.UK_DATE)},
                new String[] {"Consent obtained", rng.nextBoolean() ? "Yes" : "No - safeguarding concern"});
        Path file = dir.resolve("referral-forms").resolve(name);
        try (PDDocument doc = new PDDocument()) {
            // Fixed id and dates so the same seed gives byte-identical files.
            doc.setDocumentId((long) referralId.hashCode());
            java.util.Calendar created = java.util.GregorianCalendar.from(e.at().atZone(ZoneId.of("Europe/London")));
            doc.getDocumentInformation().setCreationDate(created);
            doc.getDocumentInformation().setModificationDate(created);
            doc.getDocumentInformation().setTitle("Multi-Agency Referral Form");
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                float y = 790;
                y = line(cs, bold, 14, 50, y, "Tessershire Multi-Agency Referral Form (MARF)");
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

    public void maybeConferenceLetter(Event e, HouseholdPlan plan, PresentedIdentity child, SplittableRandom rng,
                                      String s47Id) {
        if (!chosen(e, rng) || !e.attr(Event.Attr.OUTCOME).equals("Y")) {
            return;
        }
        Person carer = plan.household().mainCarer().orElse(null);
        Address a = plan.household().addressOn(e.at().toLocalDate());
        String name = "ICPC-invite-" + s47Id.replace('/', '-') + ".docx";
        Path file = dir.resolve("letters").resolve(name);
        java.time.LocalDate icpc = java.time.LocalDate.parse(e.attr(Event.Attr.END));
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        try (XWPFDocument doc = new XWPFDocument()) {
            doc.getProperties().getCoreProperties().setCreated(java.util.Optional.of(
                    java.util.Date.from(e.at().atZone(ZoneId.of("Europe/London")).toInstant())));
            para(doc, "Tessershire County Council - Children's Services", true);
            para(doc, carer == null ? "The Parent/Carer" : carer.fullName(), false);
            para(doc, a.line1(), false);
            para(doc, a.town() + " " + a.postcode(), false);
            para(doc, e.at().toLocalDate().format(LONG), false);
            para(doc, "Dear " + (carer == null ? "Parent/Carer" : carer.givenName()), false);
            para(doc, "Re: " + child.full() + (child.dob() == null ? "" : " (DOB " + child.dob().format(AgencyWriter.UK_DATE)
                    + ")"), true);
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

    public void maybeEmail(Event e, HouseholdPlan plan, PresentedIdentity child, String school, ComposedNote note,
                           SplittableRandom rng) {
        boolean eligible = e.planted() || e.attr(Event.Attr.CATEGORY).equals("Safeguarding");
        if (!eligible || !chosen(e, rng)) {
            return;
        }
        String id = "EML-" + plan.household().index() + "-" + e.at().toLocalDate() + "-" + rng.nextInt(1000);
        Path file = dir.resolve("emails").resolve(id + ".eml");
        String slug = school.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "");
        String body = "Hi MASH team,\r\n\r\nPlease see below a concern logged today regarding " + child.full()
                + (child.dob() == null ? "" : ", DOB " + child.dob().format(AgencyWriter.UK_DATE)) + ".\r\n\r\n"
                + note.text() + "\r\n\r\nKind regards\r\nDesignated Safeguarding Lead\r\n" + school + "\r\n";
        String eml = "From: DSL <dsl@" + slug + ".sch.uk>\r\n"
                + "To: MASH <mash@tessershire.gov.uk>\r\n"
                + "Subject: Safeguarding concern - " + child.given() + " " + child.family() + "\r\n"
                + "Date: " + e.at().atZone(ZoneId.of("Europe/London")).format(RFC) + "\r\n"
                + "Message-ID: <" + id + "@" + slug + ".sch.uk>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + body;
        try {
            Files.writeString(file, eml, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        finish(file, "eml", SOURCE_EMAILS, "education", "case_note", e, plan, child, rng);
    }

    private void finish(Path file, String format, String source, String agency, String type, Event e,
                        HouseholdPlan plan, PresentedIdentity child, SplittableRandom rng) {
        count++;
        String recordId = file.getFileName().toString();
        boolean sidecar = rng.nextDouble() < SIDECAR_RATE;
        if (sidecar) {
            Address a = plan.household().addressOn(e.at().toLocalDate());
            StringBuilder ids = new StringBuilder();
            if (child.nhsNumber() != null) {
                ids.append("\"nhs_number\":").append(Json.str(child.nhsNumber()));
            }
            if (child.upn() != null) {
                ids.append(ids.isEmpty() ? "" : ",").append("\"upn\":").append(Json.str(child.upn()));
            }
            String json = "{\"source\":" + Json.str(source) + ",\"record_id\":" + Json.str(recordId) + ",\"agency\":"
                    + Json.str(agency) + ",\"record_type\":" + Json.str(type) + ",\"event_date\":"
                    + Json.str(e.at().toLocalDate().toString()) + ",\"people\":[{\"role\":\"subject\",\"given_names\":"
                    + Json.str(child.given()) + ",\"family_name\":" + Json.str(child.family()) + ",\"date_of_birth\":"
                    + Json.str(child.dob() == null ? null : child.dob().toString()) + ",\"postcode\":"
                    + Json.str(a.postcode()) + ",\"identifiers\":{" + ids + "}}]}\n";
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
