package dev.signingsuite.standalone.seal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.SignatureFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FormatChoiceTest {

    @Test
    void autoSealsPdfsInPadesAndEverythingElseInAsicEXades() throws Exception {
        FormatChoice auto = FormatChoice.parse("auto");

        assertThat(auto.formatOf(Files.readAllBytes(sample("INV-2026-0009.pdf"))))
                .isEqualTo(SignatureFormat.PADES);
        assertThat(auto.formatOf(Files.readAllBytes(sample("INV-2026-0013-factur-x.pdf"))))
                .isEqualTo(SignatureFormat.PADES);
        assertThat(auto.formatOf(Files.readAllBytes(sample("INV-2026-0001.xml"))))
                .isEqualTo(SignatureFormat.ASIC_E_XADES);
        // Up to 1 KiB before the header, as readers (and hash-service) accept; the name does not count.
        assertThat(auto.formatOf(("x".repeat(1000) + "%PDF-1.4").getBytes(UTF_8)))
                .isEqualTo(SignatureFormat.PADES);
        assertThat(auto.formatOf(("x".repeat(1100) + "%PDF-1.4").getBytes(UTF_8)))
                .isEqualTo(SignatureFormat.ASIC_E_XADES);
        assertThat(auto.formatOf("%PDF".getBytes(UTF_8))).isEqualTo(SignatureFormat.ASIC_E_XADES);
        assertThat(auto.formatOf(new byte[0])).isEqualTo(SignatureFormat.ASIC_E_XADES);
    }

    @Test
    void aFixedFormatSealsEveryFileInIt() {
        FormatChoice pades = FormatChoice.parse("PADES");

        assertThat(pades.formatOf("<Invoice/>".getBytes(UTF_8))).isEqualTo(SignatureFormat.PADES);
        assertThat(FormatChoice.parse(null)).isEqualTo(FormatChoice.of(SignatureFormat.ASIC_E_CADES));
        assertThatThrownBy(() -> FormatChoice.parse("xades"))
                .hasMessage("--format must be one of asice-cades, asice-xades, pades, auto, not xades");
    }

    @Test
    void aSignedPdfKeepsItsNameAContainerAddsAsice() {
        assertThat(FormatChoice.outputName("INV-1.pdf", SignatureFormat.PADES)).isEqualTo("INV-1.pdf");
        assertThat(FormatChoice.outputName("INV-1.xml", SignatureFormat.ASIC_E_XADES))
                .isEqualTo("INV-1.xml.asice");
        assertThat(FormatChoice.outputName("INV-1.pdf", SignatureFormat.ASIC_E_CADES))
                .isEqualTo("INV-1.pdf.asice");
    }

    // The samples the quick start seals, from deploy/standalone's working directory.
    private static Path sample(String name) {
        Path path = Path.of("../../samples/invoices", name);
        assertThat(path).exists();
        return path;
    }
}
