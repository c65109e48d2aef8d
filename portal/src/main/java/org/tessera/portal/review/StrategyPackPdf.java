package org.tessera.portal.review;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.HeaderFooter;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;

/** The strategy pack as PDF (OpenPDF): the marking in every page's header and footer, each statement with its sources. */
final class StrategyPackPdf {

    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
    private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 9.5f);
    private static final Font CONCERN = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9.5f);
    private static final Font SOURCE = FontFactory.getFont(FontFactory.HELVETICA_OBLIQUE, 8, new Color(0x55, 0x55, 0x55));
    private static final Font MARK = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10, new Color(0xB0, 0x00, 0x20));

    private StrategyPackPdf() {
    }

    static byte[] render(ReferralReview.Page page, PackFormat.Stamp stamp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 40, 40, 50, 50);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle("Strategy discussion pack: " + page.name());
            document.addSubject(PackFormat.MARKING);
            document.addCreator("Tessera");
            HeaderFooter header = new HeaderFooter(new Phrase(PackFormat.MARKING, MARK), false);
            header.setAlignment(Element.ALIGN_CENTER);
            header.setBorder(Rectangle.BOTTOM);
            document.setHeader(header);
            HeaderFooter footer = new HeaderFooter(new Phrase(PackFormat.MARKING + " · " + page.name() + " · page ", MARK), true);
            footer.setAlignment(Element.ALIGN_CENTER);
            footer.setBorder(Rectangle.TOP);
            document.setFooter(footer);
            document.open();
            document.add(new Paragraph("Strategy discussion pack: " + page.name(), TITLE));
            document.add(new Paragraph(PackFormat.header(page, stamp), BODY));
            document.add(new Paragraph("Handle as " + PackFormat.MARKING + ": share only with those who need it for this child's protection "
                    + "(Working Together 2023; UK GDPR Art 6(1)(e), Art 9(2)(g), DPA 2018 Sch 1 para 18).", SOURCE));
            for (ReferralReview.Section section : page.sections()) {
                Paragraph heading = new Paragraph(section.title() + (section.summary() == null ? "" : ": " + section.summary()), HEADING);
                heading.setSpacingBefore(10);
                heading.setSpacingAfter(3);
                document.add(heading);
                for (ReferralReview.Line line : section.lines()) {
                    Paragraph p = new Paragraph();
                    p.setIndentationLeft(8);
                    p.setSpacingAfter(2);
                    p.add(new Chunk(line.tone() == ReferralReview.Tone.NEW ? "NEW " : "", CONCERN));
                    p.add(new Chunk(line.text(), line.tone() == ReferralReview.Tone.CONCERN ? CONCERN : BODY));
                    String sources = PackFormat.sources(line);
                    if (!sources.isEmpty()) {
                        p.add(new Chunk(" " + sources, SOURCE));
                    }
                    document.add(p);
                }
            }
            Paragraph actions = new Paragraph("Decisions and actions of the strategy discussion (owner, deadline): ______________________", HEADING);
            actions.setSpacingBefore(12);
            document.add(actions);
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("the strategy pack could not be written as PDF", e);
        }
        return out.toByteArray();
    }
}
