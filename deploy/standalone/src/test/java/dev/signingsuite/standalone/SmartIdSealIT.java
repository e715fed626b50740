package dev.signingsuite.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code seal --provider smartid}: the whole suite in this JVM with provider-smartid against the
 * sandbox's Smart-ID simulator (its demo account that confirms), through hash-service,
 * augmentation-service and container-service to validated ASiC-E containers.
 */
@ExtendWith(OutputCaptureExtension.class)
class SmartIdSealIT {

    @TempDir
    Path work;

    @Test
    void everyDocumentIsSealedThroughSmartId(CapturedOutput output) throws Exception {
        Path in = Files.createDirectories(work.resolve("in"));
        for (int i = 1; i <= 3; i++) {
            Files.writeString(in.resolve("invoice-" + i + ".xml"), "<invoice id=\"" + i + "\"/>");
        }
        Path out = work.resolve("out");

        int status = StandaloneApplication.seal(Invocation.parse(
                "seal",
                in.toString(),
                "--out",
                out.toString(),
                "--level",
                "LT",
                "--provider",
                "smartid",
                "--standalone.data-dir=" + work.resolve("data"),
                "--standalone.sandbox.port=0"));

        assertThat(status).as(output.getOut()).isZero();
        assertThat(output.getOut())
                .contains("with smartid")
                .contains("of 3 documents")
                .doesNotContain("FAILED");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.filter(p -> p.toString().endsWith(".asice"))).hasSize(3);
        }
    }
}
