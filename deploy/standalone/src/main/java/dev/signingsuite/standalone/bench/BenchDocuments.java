package dev.signingsuite.standalone.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.SignatureFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The documents of a run, each one different: e-invoice-shaped XML of the requested size, or for
 * PAdES a PDF invoice whose text is about that size (PDFBox compresses it, so the file is smaller).
 */
public final class BenchDocuments {

    private static final int LINES_PER_PAGE = 50;

    private BenchDocuments() {}

    public static List<Path> write(Path dir, String prefix, int count, int bytes, long seed) throws IOException {
        return write(dir, prefix, count, bytes, seed, SignatureFormat.ASIC_E_CADES);
    }

    public static List<Path> write(Path dir, String prefix, int count, int bytes, long seed, SignatureFormat format)
            throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        List<Path> documents = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String id = "%s-%06d".formatted(prefix, i);
            documents.add(
                    format == SignatureFormat.PADES
                            ? pdf(dir.resolve(id + ".pdf"), id, bytes, random)
                            : Files.write(
                                    dir.resolve(id + ".xml"),
                                    xml(id, bytes, random).getBytes(UTF_8)));
        }
        return documents;
    }

    private static String xml(String id, int bytes, Random random) {
        StringBuilder xml = new StringBuilder(bytes + 256)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">\n")
                .append("  <ID>")
                .append(id)
                .append("</ID>\n");
        for (int line = 1; xml.length() < bytes - 40; line++) {
            xml.append("  <InvoiceLine><ID>")
                    .append(line)
                    .append("</ID><Amount currencyID=\"EUR\">")
                    .append(random.nextInt(100_000))
                    .append('.')
                    .append(10 + random.nextInt(90))
                    .append("</Amount></InvoiceLine>\n");
        }
        return xml.append("</Invoice>\n").toString();
    }

    private static Path pdf(Path target, String id, int bytes, Random random) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("Invoice " + id);
        for (int line = 1, size = 0; size < bytes; line++) {
            String text = "Line %d: %d.%02d EUR".formatted(line, random.nextInt(100_000), random.nextInt(100));
            lines.add(text);
            size += text.length() + 30; // the text operators around each line
        }
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int first = 0; first < lines.size(); first += LINES_PER_PAGE) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 10);
                    content.setLeading(14);
                    content.newLineAtOffset(50, 740);
                    for (String text : lines.subList(first, Math.min(lines.size(), first + LINES_PER_PAGE))) {
                        content.showText(text);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            try (OutputStream out = Files.newOutputStream(target)) {
                document.save(out);
            }
        }
        return target;
    }
}
