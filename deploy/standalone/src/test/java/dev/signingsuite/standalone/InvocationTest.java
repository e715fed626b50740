package dev.signingsuite.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.standalone.Invocation.Command;
import dev.signingsuite.standalone.seal.FormatChoice;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InvocationTest {

    @Test
    void noCommandMeansRun() {
        assertThat(Invocation.parse().command()).isEqualTo(Command.RUN);
    }

    @Test
    void runPassesSettingsToSpring() {
        Invocation invocation = Invocation.parse("run", "--standalone.kafka.port=0", "--debug");

        assertThat(invocation.command()).isEqualTo(Command.RUN);
        assertThat(invocation.springArgs()).containsExactly("--standalone.kafka.port=0", "--debug");
    }

    @Test
    void helpWinsWherever() {
        assertThat(Invocation.parse("--help").command()).isEqualTo(Command.HELP);
        assertThat(Invocation.parse("run", "-h").command()).isEqualTo(Command.HELP);
        assertThat(Invocation.parse("help").command()).isEqualTo(Command.HELP);
    }

    @Test
    void unknownWordsAreAUsageError() {
        assertThat(Invocation.parse("start").command()).isEqualTo(Command.UNKNOWN);
        assertThat(Invocation.parse("run", "now")).satisfies(invocation -> {
            assertThat(invocation.command()).isEqualTo(Command.UNKNOWN);
            assertThat(invocation.problem()).contains("now");
        });
    }

    @Test
    void sealTakesAnInputDirAnOutputDirAndDefaultsToLtWithCsc() {
        Invocation invocation = Invocation.parse("seal", "in", "--out", "out", "--standalone.data-dir=/tmp/d");

        assertThat(invocation.command()).isEqualTo(Command.SEAL);
        assertThat(invocation.seal().inputDir()).isEqualTo(Path.of("in"));
        assertThat(invocation.seal().outputDir()).isEqualTo(Path.of("out"));
        assertThat(invocation.seal().level()).isEqualTo(SignatureLevel.LT);
        assertThat(invocation.seal().provider()).isEqualTo(Provider.CSC);
        assertThat(invocation.seal().oneContainer()).isFalse();
        assertThat(invocation.springArgs()).containsExactly("--standalone.data-dir=/tmp/d");
    }

    @Test
    void oneContainerIsASealOption() {
        Invocation invocation =
                Invocation.parse("seal", "in", "--out", "out", "--one-container", "--provider", "smartid");

        assertThat(invocation.command()).isEqualTo(Command.SEAL);
        assertThat(invocation.seal().oneContainer()).isTrue();
        assertThat(invocation.seal().provider()).isEqualTo(Provider.SMARTID);
        assertThat(invocation.springArgs()).as("not passed to Spring").isEmpty();
        assertThat(Invocation.parse("bench", "--documents", "5", "--json", "b.json", "--one-container")
                        .command())
                .isEqualTo(Command.UNKNOWN);
    }

    @Test
    void formatIsASealOptionDefaultingToCades() {
        assertThat(Invocation.parse("seal", "in", "--out", "out").seal().format())
                .isEqualTo(FormatChoice.of(SignatureFormat.ASIC_E_CADES));
        assertThat(Invocation.parse("seal", "in", "--out", "out", "--format", "ASICE-XADES")
                        .seal()
                        .format())
                .isEqualTo(FormatChoice.of(SignatureFormat.ASIC_E_XADES));
        assertThat(Invocation.parse("seal", "in", "--out", "out", "--format", "pades")
                        .seal()
                        .format())
                .isEqualTo(FormatChoice.of(SignatureFormat.PADES));
        assertThat(Invocation.parse("seal", "in", "--out", "out", "--format", "auto")
                        .seal()
                        .format())
                .isEqualTo(FormatChoice.AUTO);
        assertThat(Invocation.parse("seal", "in", "--out", "out", "--format", "cades")
                        .problem())
                .isEqualTo("--format must be one of asice-cades, asice-xades, pades, auto, not cades");
        assertThat(Invocation.parse("seal", "in", "--out", "out", "--format", "auto", "--one-container")
                        .problem())
                .isEqualTo("--one-container seals ASiC-E with CAdES only, for now");
        assertThat(Invocation.parse("bench", "--documents", "5", "--json", "b.json", "--format", "asice-xades")
                        .bench()
                        .format())
                .isEqualTo(SignatureFormat.ASIC_E_XADES);
        assertThat(Invocation.parse("bench", "--documents", "5", "--json", "b.json")
                        .bench()
                        .format())
                .isEqualTo(SignatureFormat.ASIC_E_CADES);
        assertThat(Invocation.parse("bench", "--documents", "5", "--json", "b.json", "--format", "auto")
                        .problem())
                .isEqualTo("bench --format is asice-cades, asice-xades or pades, not auto");
        assertThat(Invocation.parse("dlq", "list", "--format", "pades").problem())
                .isEqualTo("--format is an option of seal and bench");
    }

    @Test
    void formatsNeedsAnOutputDirAndTakesNoOperands() {
        Invocation formats = Invocation.parse("formats", "--out", "matrix", "--standalone.seal-timeout=5m");
        assertThat(formats.command()).isEqualTo(Command.FORMATS);
        assertThat(formats.seal().outputDir()).isEqualTo(Path.of("matrix"));
        assertThat(formats.springArgs()).containsExactly("--standalone.seal-timeout=5m");
        assertThat(Invocation.parse("formats").problem())
                .isEqualTo("formats takes no operands and needs --out OUTPUT_DIR");
        assertThat(Invocation.parse("formats", "in", "--out", "matrix").problem())
                .isEqualTo("formats takes no operands and needs --out OUTPUT_DIR");
        assertThat(Usage.TEXT).contains("formats --out OUTPUT_DIR");
    }

    @Test
    void sealOptionsAreReadInAnyOrder() {
        Invocation invocation =
                Invocation.parse("seal", "--level", "lta", "--provider", "eparaksts", "in", "--out", "out");

        assertThat(invocation.seal().level()).isEqualTo(SignatureLevel.LTA);
        assertThat(invocation.seal().provider()).isEqualTo(Provider.EPARAKSTS);
    }

    @Test
    void sealUsageErrorsSayWhatIsWrong() {
        assertThat(Invocation.parse("seal", "in").problem()).contains("--out");
        assertThat(Invocation.parse("seal", "--out", "out").problem()).contains("INPUT_DIR");
        assertThat(Invocation.parse("seal", "in", "--out", "o", "--level", "X").problem())
                .contains("B, T, LT, LTA");
        assertThat(Invocation.parse("seal", "in", "--out", "o", "--provider", "acme")
                        .problem())
                .contains("csc, eparaksts, onetime, smartid");
        assertThat(Invocation.parse("seal", "in", "--out").problem()).contains("--out needs a value");
    }

    @Test
    void usageDescribesSeal() {
        assertThat(Usage.TEXT).contains("run").contains("seal INPUT_DIR --out OUTPUT_DIR");
    }

    @Test
    void benchTakesItsOptionsAndPassesTheRestToSpring() {
        Invocation invocation = Invocation.parse(
                "bench",
                "--documents",
                "1000",
                "--json",
                "out/bench.json",
                "--provider",
                "eparaksts",
                "--partitions",
                "12",
                "--batch-window",
                "100",
                "--standalone.data-dir=/tmp/x");

        assertThat(invocation.command()).isEqualTo(Invocation.Command.BENCH);
        assertThat(invocation.bench().documents()).isEqualTo(1000);
        assertThat(invocation.bench().json()).isEqualTo(Path.of("out/bench.json"));
        assertThat(invocation.bench().level()).isEqualTo(SignatureLevel.LT);
        assertThat(invocation.bench().provider()).isEqualTo(Provider.EPARAKSTS);
        assertThat(invocation.bench().documentBytes()).isEqualTo(20_000);
        assertThat(invocation.bench().partitions()).isEqualTo(12);
        assertThat(invocation.bench().batchWindowMillis()).isEqualTo(100);
        assertThat(invocation.bench().verbose()).isFalse();
        assertThat(invocation.bench().runs()).as("the default").isEqualTo(3);
        assertThat(invocation.springArgs()).containsExactly("--standalone.data-dir=/tmp/x");
    }

    @Test
    void benchRunsEachSideAsOftenAsAsked() {
        assertThat(Invocation.parse("bench", "--documents", "5", "--json", "b.json", "--runs", "1")
                        .bench()
                        .runs())
                .isEqualTo(1);
        assertThat(Invocation.parse("bench", "--documents", "5", "--json", "b.json", "--runs", "0")
                        .problem())
                .contains("--runs must be a positive whole number");
    }

    @Test
    void benchMeasuresAPersonsWaitUnderBulkLoadOnlyWhenAsked() {
        assertThat(Invocation.parse("bench", "--documents", "5", "--json", "b.json")
                        .bench()
                        .interactiveShare())
                .isZero();
        assertThat(Invocation.parse("bench", "--documents", "5", "--json", "b.json", "--interactive-share", "0.01")
                        .bench()
                        .interactiveShare())
                .isEqualTo(0.01);
        assertThat(Invocation.parse("bench", "--documents", "5", "--json", "b.json", "--interactive-share", "2")
                        .problem())
                .contains("--interactive-share must be a share above 0 and at most 1, not 2");
    }

    @Test
    void verboseIsABenchOption() {
        assertThat(Invocation.parse("bench", "--documents", "5", "--json", "b.json", "--verbose")
                        .bench()
                        .verbose())
                .isTrue();
        assertThat(Invocation.parse("seal", "in", "--out", "out", "--verbose").problem())
                .contains("--verbose is an option of bench");
    }

    @Test
    void benchUsageErrorsSayWhatIsWrong() {
        assertThat(Invocation.parse("bench", "--json", "x.json").problem()).contains("--documents");
        assertThat(Invocation.parse("bench", "--documents", "0", "--json", "x").problem())
                .contains("positive");
        assertThat(Invocation.parse("bench", "--documents", "5", "--json", "x", "--provider", "smartid")
                        .problem())
                .contains("unattended");
    }

    @Test
    void processesIsAnOptionOfSealAndRun() {
        Invocation seal = Invocation.parse("seal", "in", "--out", "out", "--processes", "--provider", "eparaksts");
        assertThat(seal.command()).isEqualTo(Command.SEAL);
        assertThat(seal.seal().processes()).isTrue();
        assertThat(seal.seal().provider()).isEqualTo(Provider.EPARAKSTS);

        Invocation run = Invocation.parse("run", "--processes", "--provider", "SmartID");
        assertThat(run.command()).isEqualTo(Command.RUN);
        assertThat(run.processes()).isTrue();
        assertThat(run.operand()).isEqualTo("smartid");
        assertThat(Invocation.parse("run", "--processes").operand()).isNull();

        assertThat(Invocation.parse("run", "--provider", "csc").problem()).contains("--processes");
        assertThat(Invocation.parse("bench", "--documents", "1", "--json", "f", "--processes")
                        .problem())
                .contains("--processes");
        assertThat(Invocation.parse("seal", "in", "--out", "out", "--processes", "--one-container")
                        .problem())
                .contains("cannot be combined");
    }

    @Test
    void aChildOfProcessesNamesItsService() {
        Invocation child = Invocation.parse("service", "hash-service", "--server.port=0");
        assertThat(child.command()).isEqualTo(Command.SERVICE);
        assertThat(child.operand()).isEqualTo("hash-service");
        assertThat(child.springArgs()).containsExactly("--server.port=0");
        assertThat(Invocation.parse("kafka-node", "--node-id=2").command()).isEqualTo(Command.KAFKA_NODE);
        Invocation s3 = Invocation.parse("s3-server", "--dir=/tmp/s3", "--port=31000", "--bucket=b");
        assertThat(s3.command()).isEqualTo(Command.S3_SERVER);
        assertThat(s3.springArgs()).containsExactly("--dir=/tmp/s3", "--port=31000", "--bucket=b");
    }

    @Test
    void dlqPassesItsActionOperandsAndOptions() {
        Invocation dlq =
                Invocation.parse("dlq", "replay", "--all", "error.a.v1.g", "--kafka.bootstrap-servers=127.0.0.1:19092");

        assertThat(dlq.command()).isEqualTo(Command.DLQ);
        assertThat(dlq.operands()).containsExactly("replay", "error.a.v1.g");
        assertThat(dlq.springArgs()).containsExactly("--all", "--kafka.bootstrap-servers=127.0.0.1:19092");
    }

    @Test
    void chaosTakesTheIssuesFlags() {
        Invocation chaos = Invocation.parse(
                "chaos",
                "--documents",
                "500",
                "--provider",
                "eparaksts",
                "--level",
                "LT",
                "--kill-every",
                "30s",
                "--broker-kills",
                "1",
                "--faults",
                "0.1",
                "--outage",
                "PT2M",
                "--malformed",
                "50",
                "--json",
                "chaos.json");

        assertThat(chaos.command()).isEqualTo(Command.CHAOS);
        assertThat(chaos.chaos().documents()).isEqualTo(500);
        assertThat(chaos.chaos().provider()).isEqualTo(Provider.EPARAKSTS);
        assertThat(chaos.chaos().level()).isEqualTo(SignatureLevel.LT);
        assertThat(chaos.chaos().killEvery()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(chaos.chaos().brokerKills()).isEqualTo(1);
        assertThat(chaos.chaos().faults()).isEqualTo(0.1);
        assertThat(chaos.chaos().outage()).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(chaos.chaos().malformed()).isEqualTo(50);
        assertThat(chaos.chaos().json()).isEqualTo(Path.of("chaos.json"));

        Invocation plain = Invocation.parse("chaos", "--documents", "5", "--provider", "csc", "--json", "c.json");
        assertThat(plain.chaos().killEvery()).isNull();
        assertThat(plain.chaos().outage()).isNull();
        assertThat(plain.chaos().faults()).isZero();
        assertThat(Invocation.parse("chaos", "--documents", "5", "--json", "c.json")
                        .problem())
                .contains("--provider");
        assertThat(Invocation.parse("chaos", "--documents", "5", "--provider", "csc", "--json", "c", "--faults", "2")
                        .problem())
                .contains("--faults");
        assertThat(Invocation.parse(
                                "chaos", "--documents", "5", "--provider", "csc", "--json", "c", "--kill-every", "soon")
                        .problem())
                .contains("--kill-every");
    }

    @Test
    void cscProfilePosesTheSimulatorAndTheProviderAsTheSameService() {
        Invocation chaos = Invocation.parse(
                "chaos", "--documents", "5", "--provider", "csc", "--csc-profile", "LVRTC", "--json", "c.json");

        assertThat(chaos.command()).isEqualTo(Command.CHAOS);
        assertThat(chaos.springArgs())
                .containsExactly(
                        "--standalone.sandbox.csc-profile=lvrtc",
                        "--standalone.services.properties[signing.csc.profile]=lvrtc");
        assertThat(Invocation.parse("seal", "in", "--out", "out", "--csc-profile", "eudi-reference", "--standalone.x=1")
                        .springArgs())
                .containsExactly(
                        "--standalone.sandbox.csc-profile=eudi-reference",
                        "--standalone.services.properties[signing.csc.profile]=eudi-reference",
                        "--standalone.x=1");
        assertThat(Invocation.parse("seal", "in", "--out", "out", "--csc-profile", "qes")
                        .problem())
                .contains("generic, lvrtc, sign8, eudi-reference");
        assertThat(Invocation.parse("seal", "in", "--out", "out", "--provider", "smartid", "--csc-profile", "lvrtc")
                        .problem())
                .contains("--provider csc");
        assertThat(Invocation.parse("dlq", "list", "--csc-profile", "lvrtc").problem())
                .contains("--csc-profile");
    }
}
