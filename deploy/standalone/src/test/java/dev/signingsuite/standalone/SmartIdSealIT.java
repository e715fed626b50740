package dev.signingsuite.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.standalone.Invocation.SealOptions;
import dev.signingsuite.standalone.seal.SealOutcome;
import dev.signingsuite.standalone.seal.SealReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

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

    /**
     * Issue 4's batch signing with one confirmation: five files sealed with {@code --one-container}
     * become one ASiC-E holding all five under one signature, and the Smart-ID simulator opened
     * exactly one session for them: the person confirms once.
     */
    @Test
    void aWholeBatchInOneContainerTakesOneSmartIdConfirmation() throws Exception {
        Path in = Files.createDirectories(work.resolve("contract"));
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            files.add(Files.writeString(in.resolve("part-" + i + ".xml"), "<part n=\"" + i + "\"/>"));
        }
        files.add(Files.write(in.resolve("annex.pdf"), "%PDF-1.7 annex".getBytes(StandardCharsets.UTF_8)));
        Path out = work.resolve("out-one");

        try (ConfigurableApplicationContext suite = StandaloneApplication.start(
                SuiteArguments.onFreePorts(work.resolve("data-one"), "--standalone.ready-banner=false"))) {
            Sandbox sandbox = suite.getBean(Sandbox.class);
            int sessionsBefore = sandbox.smartId().sessionsCreated();
            SealReport report;
            try (PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
                report = SealCommand.run(
                        suite, new SealOptions(in, out, SignatureLevel.LT, Provider.SMARTID, true), console);
            }

            assertThat(report.outcomes()).hasSize(1);
            SealOutcome outcome = report.outcomes().get(0);
            assertThat(outcome.succeeded()).as(outcome.failure()).isTrue();
            assertThat(outcome.container()).isEqualTo(out.resolve("contract.asice"));
            assertThat(sandbox.smartId().sessionsCreated() - sessionsBefore)
                    .as("Smart-ID sessions, i.e. confirmations asked of the person")
                    .isEqualTo(1);
            try (Stream<Path> written = Files.list(out)) {
                assertThat(written.filter(p -> p.toString().endsWith(".asice"))).hasSize(1);
            }
            new ContainerChecks(report.trustAnchor())
                    .assertOneSignatureOverAll(outcome.container(), files, SignatureLevel.LT);
        }
    }
}
