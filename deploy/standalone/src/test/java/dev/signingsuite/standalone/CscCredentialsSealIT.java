package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.events.Topics;
import dev.signingsuite.gateway.config.GatewayProperties;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.csc.CscSimulator;
import dev.signingsuite.standalone.seal.KafkaSealClients;
import dev.signingsuite.standalone.seal.SealOutcome;
import dev.signingsuite.standalone.seal.SealReport;
import dev.signingsuite.standalone.seal.Sealer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two CSC credentials of the simulator through the whole suite on the in-process broker: a batch
 * sealed with the RSA SCAL 1 credential ({@code sandbox-seal}, implicit authorisation) and one with
 * the ECDSA P-256 SCAL 2 credential ({@code sandbox-seal-ec}, explicit PIN), every container valid
 * for DSS; each signHash carries a whole group under its own authorisation. A PIN + OTP credential
 * configured with a wrong OTP fails its documents with AUTHORISATION_REQUIRED and signs nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CscCredentialsSealIT {

    private static final Logger log = LoggerFactory.getLogger(CscCredentialsSealIT.class);
    private static final int DOCUMENTS = 20;

    @TempDir
    static Path work;

    private ConfigurableApplicationContext suite;
    private ContainerChecks checks;
    private CscSimulator csc;

    @BeforeAll
    void startSuite() throws Exception {
        suite = StandaloneApplication.start(SuiteArguments.onFreePorts(
                work.resolve("data"),
                "--standalone.services.log-level=WARN",
                "--standalone.ready-banner=false",
                // The OTP credential with a static, wrong OTP: the simulator sends a fresh one each time.
                "--standalone.services.properties[signing.csc.signers.sandbox-seal-otp.credential-id]=sandbox-seal-otp",
                "--standalone.services.properties[signing.csc.signers.sandbox-seal-otp.pin]=654321",
                "--standalone.services.properties[signing.csc.signers.sandbox-seal-otp.otp]=000000"));
        Sandbox sandbox = suite.getBean(Sandbox.class);
        checks = new ContainerChecks(sandbox.trustAnchorPem());
        csc = sandbox.csc();
    }

    @AfterAll
    void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @BeforeEach
    void resetCounters() {
        csc.resetCounters();
    }

    @Test
    void anRsaScal1BatchComesOutAsValidContainersWithOneAuthorisationPerSignHash() throws Exception {
        sealAndCheck("sandbox-seal", SignatureLevel.LT);
    }

    @Test
    void anEcdsaScal2BatchComesOutAsValidContainersWithOneBoundAuthorisationPerSignHash() throws Exception {
        sealAndCheck("sandbox-seal-ec", SignatureLevel.LT);
    }

    @Test
    void aWrongOtpFailsTheDocumentsAsAuthorisationRequiredWithoutSigning() throws Exception {
        Path in = documents(work.resolve("otp-in"), "otp", 3);

        SealReport report = seal(in, work.resolve("otp-out"), "sandbox-seal-otp", SignatureLevel.B);

        assertThat(report.outcomes()).hasSize(3).allSatisfy(outcome -> {
            assertThat(outcome.succeeded()).isFalse();
            assertThat(outcome.failure()).startsWith("AUTHORISATION_REQUIRED").contains("sandbox-seal-otp");
        });
        assertThat(csc.calls("credentials/sendOTP")).isPositive();
        assertThat(csc.signHashSizes("sandbox-seal-otp")).isEmpty();
    }

    private void sealAndCheck(String credentialId, SignatureLevel level) throws Exception {
        Path in = documents(work.resolve(credentialId + "-in"), credentialId, DOCUMENTS);
        Path out = work.resolve(credentialId + "-out");

        SealReport report = seal(in, out, credentialId, level);

        assertThat(report.outcomes())
                .filteredOn(outcome -> !outcome.succeeded())
                .extracting(SealOutcome::failure)
                .isEmpty();
        assertThat(report.outcomes()).hasSize(DOCUMENTS);
        List<Integer> sizes = csc.signHashSizes(credentialId);
        log.info("{}: signHash sizes {}, authorisations {}", credentialId, sizes, csc.authorizations(credentialId));
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum())
                .as("every document signed once")
                .isEqualTo(DOCUMENTS);
        assertThat(csc.authorizations(credentialId))
                .as("one authorisation per signHash, i.e. per group")
                .isEqualTo(sizes.size());
        assertThat(sizes).as("the documents were grouped").anyMatch(size -> size > 1);
        try (Stream<Path> files = Files.list(in)) {
            for (Path input : files.sorted().toList()) {
                Path container = out.resolve(input.getFileName() + ".asice");
                assertThat(container).isRegularFile();
                checks.assertValidWithDss(container, input, level);
            }
        }
    }

    private SealReport seal(Path in, Path out, String identity, SignatureLevel level) throws Exception {
        KafkaBroker broker = suite.getBean(KafkaBroker.class);
        StandaloneProperties properties = suite.getBean(StandaloneProperties.class);
        GatewayProperties gateway =
                suite.getBean(SuiteServices.class).context("gateway").getBean(GatewayProperties.class);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (PrintStream printer = new PrintStream(console, true, UTF_8)) {
            Sealer sealer = new Sealer(
                    new KafkaSealClients(
                            broker.bootstrapServers(), properties.kafka().partitions(), BrokerConfig.MAX_MESSAGE_BYTES),
                    suite.getBean(SuiteServices.class).context("gateway").getBean(BlobStore.class),
                    Topics.defaults(),
                    gateway.maxDocumentSize().toBytes(),
                    printer);
            SealReport report = sealer.seal(
                    in,
                    out,
                    level,
                    new SignerRef(Provider.CSC, identity),
                    suite.getBean(Sandbox.class).trustAnchorPem(),
                    properties.sealTimeout(),
                    0);
            report.print(printer);
            return report;
        } finally {
            log.info("{}:{}", identity, console.toString(UTF_8));
        }
    }

    private static Path documents(Path dir, String prefix, int count) throws Exception {
        Files.createDirectories(dir);
        for (int i = 1; i <= count; i++) {
            Files.writeString(
                    dir.resolve("%s-%03d.xml".formatted(prefix, i)),
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Invoice><ID>%s-%d</ID></Invoice>\n"
                            .formatted(prefix, i));
        }
        return dir;
    }
}
