package org.tessera.portal.review;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;

/** The strategy pack as DOCX (Apache POI), editable for the discussion's minutes: the marking in header and footer. */
final class StrategyPackDocx {

    private StrategyPackDocx() {
    }

    static byte[] render(ReferralReview.Page page, PackFormat.Stamp stamp) {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.getProperties().getCoreProperties().setTitle("Strategy discussion pack: " + page.name());
            document.getProperties().getCoreProperties().setCreator("Tessera");
            marking(document.createHeader(HeaderFooterType.DEFAULT).createParagraph());
            marking(document.createFooter(HeaderFooterType.DEFAULT).createParagraph());
            XWPFParagraph title = document.createParagraph();
            title.setStyle("Title");
            run(title, "Strategy discussion pack: " + page.name(), true, 16, null);
            run(document.createParagraph(), PackFormat.header(page, stamp), false, 10, null);
            run(document.createParagraph(), "Handle as " + PackFormat.MARKING + ": share only with those who need it for this child's protection "
                    + "(Working Together 2023; UK GDPR Art 6(1)(e), Art 9(2)(g), DPA 2018 Sch 1 para 18).", false, 8, "555555");
            for (ReferralReview.Section section : page.sections()) {
                XWPFParagraph heading = document.createParagraph();
                heading.setSpacingBefore(200);
                run(heading, section.title() + (section.summary() == null ? "" : ": " + section.summary()), true, 12, null);
                for (ReferralReview.Line line : section.lines()) {
                    XWPFParagraph p = document.createParagraph();
                    p.setIndentationLeft(200);
                    if (line.tone() == ReferralReview.Tone.NEW) {
                        run(p, "NEW ", true, 10, null);
                    }
                    run(p, line.text(), line.tone() == ReferralReview.Tone.CONCERN, 10, null);
                    String sources = PackFormat.sources(line);
                    if (!sources.isEmpty()) {
                        XWPFRun s = run(p, " " + sources, false, 8, "555555");
                        s.setItalic(true);
                    }
                }
            }
            XWPFParagraph actions = document.createParagraph();
            actions.setSpacingBefore(240);
            run(actions, "Decisions and actions of the strategy discussion (owner, deadline):", true, 12, null);
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the strategy pack could not be written as DOCX", e);
        }
    }

    private static void marking(XWPFParagraph paragraph) {
        paragraph.setAlignment(ParagraphAlignment.CENTER);
        run(paragraph, PackFormat.MARKING, true, 10, "B00020");
    }

    private static XWPFRun run(XWPFParagraph paragraph, String text, boolean bold, int size, String colour) {
        XWPFRun run = paragraph.createRun();
        run.setText(text);
        run.setBold(bold);
        run.setFontSize(size);
        if (colour != null) {
            run.setColor(colour);
        }
        return run;
    }
}
