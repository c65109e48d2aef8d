package org.tessera.indexer.synthetic.output;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Scanned documents made at test time (no binaries in the repository): a letter's text drawn on
 * an A4 page at 200 dpi with Java2D, or a PDF's pages rendered to images, saved as PNG, TIFF,
 * JPEG or an image-only PDF (no text layer: only OCR can read it).
 */
public final class ScannedPages {

    private static final int DPI = 200;

    private ScannedPages() {
    }

    /** One A4 page with the text drawn line by line (long lines wrapped), black on white, grey scale. */
    public static BufferedImage page(String text) {
        int width = (int) (8.27 * DPI);
        int height = (int) (11.69 * DPI);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SERIF, Font.PLAIN, 34));
        int y = 160;
        int lineHeight = 48;
        for (String line : wrap(text, 80)) {
            g.drawString(line, 140, y);
            y += lineHeight;
            if (y > height - 120) {
                break;
            }
        }
        g.dispose();
        return image;
    }

    /** Each page of a PDF rendered as a scanner would see it. */
    public static List<BufferedImage> render(Path pdf) throws IOException {
        List<BufferedImage> pages = new ArrayList<>();
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                pages.add(renderer.renderImageWithDPI(i, DPI, ImageType.GRAY));
            }
        }
        return pages;
    }

    /** Writes an image as {@code png}, {@code tiff} or {@code jpg}. */
    public static Path write(BufferedImage image, String format, Path file) throws IOException {
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return file;
    }

    /** An image-only PDF: each image fills an A4 page, with no text layer. */
    public static Path imagePdf(List<BufferedImage> pages, Path file) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            for (BufferedImage image : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                PDImageXObject xobject = LosslessFactory.createFromImage(doc, image);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.drawImage(xobject, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
                }
            }
            doc.save(file.toFile());
        }
        return file;
    }

    private static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder cur = new StringBuilder();
            for (String w : paragraph.split(" ")) {
                if (cur.length() + w.length() + 1 > width && !cur.isEmpty()) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                cur.append(cur.isEmpty() ? "" : " ").append(w);
            }
            out.add(cur.toString());
        }
        return out;
    }
}
