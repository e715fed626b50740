package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.standalone.Invocation.SealOptions;
import dev.signingsuite.standalone.seal.FormatChoice;
import dev.signingsuite.standalone.seal.SealOutcome;
import dev.signingsuite.standalone.seal.SealReport;
import dev.signingsuite.testsupport.PdfTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One PDF and one XML sealed with {@code --format auto} through a running suite, and each output
 * checked by a relying party's tools: the PDF (PAdES) by DSS, pdfsig and qpdf, the {@code .asice}
 * (XAdES) by DSS and by DigiDoc4j in its own JVM (valid at LT and LTA; at B and T, which carry
 * no revocation data and which DigiDoc4j does not complete online, missing only that). The smallest run that covers both formats at a
 * level through a provider; every level through every provider is the {@code formats} command.
 */
final class FormatRun {

    private FormatRun() {}

    static void sealAndCheck(
            ConfigurableApplicationContext suite,
            ContainerChecks checks,
            Provider provider,
            SignatureLevel level,
            Path work)
            throws Exception {
        String name = provider.id() + "-" + level;
        Path in = Files.createDirectories(work.resolve(name + "-formats-in"));
        Path pdf = Files.write(
                in.resolve("invoice " + name + ".pdf"), PdfTools.onePagePdf("Invoice " + name + ", 120.00 EUR"));
        Path xml = Files.writeString(
                in.resolve("invoice " + name + ".xml"),
                "<Invoice><ID>" + name + "</ID><Amount>120.00</Amount></Invoice>");
        Path out = work.resolve(name + "-formats-out");

        SealReport report;
        try (PrintStream printer = new PrintStream(new ByteArrayOutputStream(), true, UTF_8)) {
            report = SealCommand.run(
                    suite, new SealOptions(in, out, level, provider, false, false, FormatChoice.AUTO), printer);
        }

        assertThat(report.outcomes()).hasSize(2);
        assertThat(report.outcomes())
                .filteredOn(outcome -> !outcome.succeeded())
                .extracting(SealOutcome::failure)
                .isEmpty();
        checks.assertValidSignedPdf(out.resolve(pdf.getFileName()), pdf, level, work);
        Path container = out.resolve(xml.getFileName() + ".asice");
        checks.assertOneSignatureOverAll(container, List.of(xml), level, "XAdES");
        var tsa = suite.getBean(Sandbox.class).pki().entity(SandboxEntities.TSA).certificate();
        if (level == SignatureLevel.LT || level == SignatureLevel.LTA) {
            checks.assertValidWithDigiDoc4j(container, tsa, work);
        } else {
            checks.assertDigiDoc4jMissesOnlyRevocationData(container, tsa, work);
        }
    }
}
