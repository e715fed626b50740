package dev.signingsuite.standalone.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The documents of a run: e-invoice-shaped XML of the requested size, each one different. */
public final class BenchDocuments {

    private BenchDocuments() {}

    public static List<Path> write(Path dir, String prefix, int count, int bytes, long seed) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        List<Path> documents = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String id = "%s-%06d".formatted(prefix, i);
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
            xml.append("</Invoice>\n");
            documents.add(Files.write(dir.resolve(id + ".xml"), xml.toString().getBytes(UTF_8)));
        }
        return documents;
    }
}
