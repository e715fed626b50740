package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.standalone.Invocation.SealOptions;
import dev.signingsuite.standalone.seal.FormatChoice;
import dev.signingsuite.standalone.seal.SealOutcome;
import dev.signingsuite.standalone.seal.SealReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code formats --out DIR}: every level through every unattended-capable provider, in both formats
 * our users' recipients open (issue 19): for each provider and level, one PDF and one XML sealed
 * with {@code --format auto}, i.e. PAdES and ASiC-E with XAdES, each output validated again here by
 * DSS ({@link FormatVerdicts}) for TOTAL_PASSED at exactly the level asked. The outputs stay in
 * {@code DIR/<provider>-<level>/} for pdfsig, qpdf and DigiDoc4j (the tests run those on one
 * provider and level each; running them on all 24 outputs is what this command is for).
 */
final class FormatsCommand {

    static final List<Provider> PROVIDERS = List.of(Provider.CSC, Provider.EPARAKSTS, Provider.SMARTID);

    private FormatsCommand() {}

    /** @return 0 when every output validated at its level, 1 otherwise */
    static int run(ConfigurableApplicationContext suite, Path outputDir, PrintStream out) throws IOException {
        Path trustAnchor = suite.getBean(Sandbox.class).trustAnchorPem();
        FormatVerdicts verdicts = new FormatVerdicts(trustAnchor);
        out.printf("%-10s %-4s %-44s %s%n", "provider", "level", "PAdES (invoice.pdf)", "ASiC-E XAdES (invoice.xml)");
        int failures = 0;
        for (Provider provider : PROVIDERS) {
            for (SignatureLevel level : SignatureLevel.values()) {
                String name = provider.id() + "-" + level;
                Path in = Files.createDirectories(outputDir.resolve("in").resolve(name));
                Files.write(in.resolve("invoice.pdf"), onePagePdf("Invoice " + name + ", 120.00 EUR"));
                Files.writeString(in.resolve("invoice.xml"), "<Invoice><ID>" + name + "</ID></Invoice>\n", UTF_8);
                Path sealed = outputDir.resolve(name);
                SealReport report;
                try (PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, UTF_8)) {
                    report = SealCommand.run(
                            suite,
                            new SealOptions(in, sealed, level, provider, false, false, FormatChoice.AUTO),
                            quiet);
                }
                String pades = verdict(report, "invoice.pdf", SignatureFormat.PADES, level, verdicts);
                String xades = verdict(report, "invoice.xml", SignatureFormat.ASIC_E_XADES, level, verdicts);
                failures += (pades.startsWith("OK") ? 0 : 1) + (xades.startsWith("OK") ? 0 : 1);
                out.printf(Locale.ROOT, "%-10s %-4s %-44s %s%n", provider.id(), level, pades, xades);
            }
        }
        // The suite's own trust anchor file goes with its temporary data directory; each output
        // directory holds a copy (SealCommand).
        out.printf(
                "%d of %d outputs valid at their level; in %s (trust anchors: trust-anchor.pem in each directory)%n",
                PROVIDERS.size() * SignatureLevel.values().length * 2 - failures,
                PROVIDERS.size() * SignatureLevel.values().length * 2,
                outputDir);
        return failures == 0 ? 0 : 1;
    }

    private static String verdict(
            SealReport report, String fileName, SignatureFormat format, SignatureLevel level, FormatVerdicts verdicts) {
        SealOutcome outcome = report.outcomes().stream()
                .filter(o -> o.fileName().equals(fileName))
                .findFirst()
                .orElse(null);
        if (outcome == null) {
            return "FAILED: no outcome (timed out?)";
        }
        if (!outcome.succeeded()) {
            return "FAILED: " + outcome.failure();
        }
        return verdicts.check(outcome.container(), format, level);
    }

    /** A one-page PDF with {@code text} on it. */
    static byte[] onePagePdf(String text) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                content.newLineAtOffset(72, 720);
                content.showText(text);
                content.endText();
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        }
    }
}
