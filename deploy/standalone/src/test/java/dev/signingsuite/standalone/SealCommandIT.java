package dev.signingsuite.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** {@code seal} as a script calls it: the whole suite in this JVM, a folder in, a folder out. */
@ExtendWith(OutputCaptureExtension.class)
class SealCommandIT {

    @TempDir
    Path work;

    @Test
    void everyDocumentGetsAnOutcomeAndAFailureMakesTheExitStatusNonZero(CapturedOutput output) throws Exception {
        Path in = Files.createDirectories(work.resolve("in"));
        Files.writeString(in.resolve("invoice-1.xml"), "<invoice id=\"1\"/>");
        Files.writeString(in.resolve("empty.txt"), "");
        Files.writeString(in.resolve(".hidden"), "never sealed");
        Path out = work.resolve("out");

        int status = StandaloneApplication.seal(Invocation.parse(
                "seal",
                in.toString(),
                "--out",
                out.toString(),
                "--level",
                "LT",
                "--standalone.data-dir=" + work.resolve("data"),
                "--standalone.sandbox.port=0"));

        assertThat(status).isEqualTo(StandaloneApplication.EXIT_NOT_ALL_SEALED);
        assertThat(out.resolve("trust-anchor.pem")).content().startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(out.resolve("invoice-1.xml.asice")).isNotEmptyFile();
        assertThat(out.resolve("empty.txt.asice")).doesNotExist();
        assertThat(output.getOut())
                .contains("Sealed 1 of 2 documents")
                .contains("FAILED empty.txt: INVALID_DOCUMENT")
                .contains("documents/s")
                .contains("latency         p50")
                .doesNotContain(".hidden");
    }
}
