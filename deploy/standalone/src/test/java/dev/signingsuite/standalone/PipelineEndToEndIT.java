package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.ContentObject;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.EventTypes;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.events.Topics;
import dev.signingsuite.gateway.intake.IntakeAcceptor;
import dev.signingsuite.s3server.S3ProxyServer;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.standalone.Invocation.SealOptions;
import dev.signingsuite.standalone.seal.KafkaSealClients;
import dev.signingsuite.standalone.seal.SealOutcome;
import dev.signingsuite.standalone.seal.SealReport;
import dev.signingsuite.testsupport.PdfTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole suite in this JVM on the real in-process broker: documents enter through the Kafka
 * intake, travel gateway → hash-service → provider-csc (against the CSC simulator) →
 * augmentation-service (sandbox TSA and OCSP) → container-service, and come out as ASiC-E
 * containers that DSS and openssl accept, checked independently of the suite's own validation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineEndToEndIT {

    private static final Logger log = LoggerFactory.getLogger(PipelineEndToEndIT.class);
    private static final int DOCUMENTS_PER_LEVEL = 100;

    @TempDir
    static Path work;

    /** The back office's own bucket, where tenant demo may put documents too large for a record. */
    private static final String BACK_OFFICE_BUCKET = "back-office";

    private static final String INTAKE_OBJECTS = "signing.gateway.intake-objects.";
    /** Above every document of these tests but the oversized object's 4 MB. */
    private static final String MAX_DOCUMENT_SIZE = "3MB";

    private static final String DEMO_PASSWORD = "demo-" + UUID.randomUUID();
    private static final String GLOBEX_PASSWORD = "globex-" + UUID.randomUUID();
    private static final String GLOBEX_KEY = "globex-key-" + UUID.randomUUID();

    private ConfigurableApplicationContext suite;
    private ContainerChecks checks;
    private S3ProxyServer backOffice;

    @BeforeAll
    void startSuite() throws Exception {
        backOffice = S3ProxyServer.inMemory().createBucket(BACK_OFFICE_BUCKET);
        // Back offices of two tenants with Kafka users of their own: the broker authorises (ADR 17).
        List<String> arguments = new ArrayList<>(List.of(
                "--standalone.services.log-level=WARN",
                "--standalone.ready-banner=false",
                "--standalone.kafka.tenants.demo=" + DEMO_PASSWORD,
                "--standalone.kafka.tenants.globex=" + GLOBEX_PASSWORD));
        // The gateway reaches the back office's bucket as a blob store would reach its own.
        backOffice.springProperties(BACK_OFFICE_BUCKET).forEach((name, value) -> {
            if (name.startsWith("signing.blob-store.s3.")) {
                arguments.add("--standalone.services.properties[" + name.replace("signing.blob-store.", INTAKE_OBJECTS)
                        + "]=" + value);
            }
        });
        arguments.add("--standalone.services.properties[" + INTAKE_OBJECTS + "tenants.demo]=s3://" + BACK_OFFICE_BUCKET
                + "/demo/");
        arguments.add("--standalone.services.properties[signing.gateway.max-document-size]=" + MAX_DOCUMENT_SIZE);
        // A second REST tenant, and the demo tenant's registered callback host (digest signing).
        arguments.add("--standalone.services.properties[spring.application.json]="
                + "{\"signing\":{\"gateway\":{\"tenants\":{\"globex\":{\"api-keys\":[\"" + GLOBEX_KEY
                + "\"],\"signers\":[{\"provider\":\"csc\",\"identity\":\"sandbox-seal\"}]},"
                + "\"demo\":{\"callback-hosts\":[\"e-service.example\"]}}}}}");
        // provider-onetime too (a JVM of its own, SoftHSM2): digest signing through every person provider.
        String[] suiteArguments = Stream.of(
                        SuiteArguments.onFreePorts(work.resolve("data"), arguments.toArray(String[]::new)))
                .map(argument -> argument.equals("--standalone.onetime.enabled=false")
                        ? "--standalone.onetime.enabled=true"
                        : argument)
                .toArray(String[]::new);
        suite = StandaloneApplication.start(suiteArguments);
        checks = new ContainerChecks(suite.getBean(Sandbox.class).trustAnchorPem());
    }

    @AfterAll
    void stopSuite() throws Exception {
        if (suite != null) {
            suite.close();
        }
        if (backOffice != null) {
            backOffice.close();
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureLevel.class)
    void aHundredDocumentsComeOutAsValidContainersAtTheRequestedLevel(SignatureLevel level) throws Exception {
        Path in = documents(work.resolve(level + "-in"), level);
        Path out = work.resolve(level + "-out");
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        SealReport report;
        try (PrintStream printer = new PrintStream(console, true, UTF_8)) {
            report = SealCommand.run(suite, new SealOptions(in, out, level, Provider.CSC), printer);
            report.print(printer);
        }
        log.info("{}:{}", level, console.toString(UTF_8));

        assertThat(report.outcomes()).hasSize(DOCUMENTS_PER_LEVEL);
        assertThat(report.outcomes())
                .filteredOn(outcome -> !outcome.succeeded())
                .extracting(SealOutcome::failure)
                .isEmpty();
        assertThat(report.allSealed()).isTrue();
        assertThat(out.resolve("trust-anchor.pem"))
                .hasSameTextualContentAs(suite.getBean(Sandbox.class).trustAnchorPem());

        List<Path> inputs;
        try (Stream<Path> files = Files.list(in)) {
            inputs = files.sorted().toList();
        }
        // Two checkers side by side: DSS validation dominates, and the machine has two cores.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> verdicts = new ArrayList<>();
            for (Path input : inputs) {
                Path container = out.resolve(input.getFileName() + ".asice");
                verdicts.add(pool.submit(() -> {
                    assertThat(container).isRegularFile();
                    checks.assertValidWithDss(container, input, level);
                    checks.assertValidWithOpenssl(container, level, work);
                    return null;
                }));
            }
            for (Future<?> verdict : verdicts) {
                verdict.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAsicEXadesDocumentSealedAtLtValidatesInDssAndInDigiDoc4j() throws Exception {
        Path in = Files.createDirectories(work.resolve("xades-in"));
        Path original = Files.writeString(
                in.resolve("invoice 7 (xades).xml"), "<Invoice><ID>INV-XADES-7</ID><Amount>120.00</Amount></Invoice>");
        Path out = work.resolve("xades-out");

        SealReport report;
        try (PrintStream printer = new PrintStream(new ByteArrayOutputStream(), true, UTF_8)) {
            report = SealCommand.run(
                    suite,
                    new SealOptions(
                            in, out, SignatureLevel.LT, Provider.CSC, false, false, SignatureFormat.ASIC_E_XADES),
                    printer);
        }

        assertThat(report.outcomes())
                .filteredOn(outcome -> !outcome.succeeded())
                .extracting(SealOutcome::failure)
                .isEmpty();
        Path container = out.resolve("invoice 7 (xades).xml.asice");
        checks.assertOneSignatureOverAll(container, List.of(original), SignatureLevel.LT, "XAdES");
        checks.assertValidWithDigiDoc4j(
                container,
                suite.getBean(Sandbox.class).pki().entity(SandboxEntities.TSA).certificate(),
                work);
    }

    @Test
    void aPdfSealedWithPadesAtLtIsTheSignedPdfItselfAndAnXmlAskedForPadesFailsCleanly() throws Exception {
        Path in = Files.createDirectories(work.resolve("pades-in"));
        Path original =
                Files.write(in.resolve("invoice 8.pdf"), PdfTools.onePagePdf("Invoice INV-PADES-8, 120.00 EUR"));
        Files.writeString(in.resolve("invoice 8.xml"), "<Invoice><ID>INV-PADES-8</ID></Invoice>");
        Path out = work.resolve("pades-out");

        SealReport report;
        try (PrintStream printer = new PrintStream(new ByteArrayOutputStream(), true, UTF_8)) {
            report = SealCommand.run(
                    suite,
                    new SealOptions(in, out, SignatureLevel.LT, Provider.CSC, false, false, SignatureFormat.PADES),
                    printer);
        }

        assertThat(report.outcomes())
                .filteredOn(SealOutcome::succeeded)
                .extracting(SealOutcome::fileName)
                .containsExactly("invoice 8.pdf");
        assertThat(report.outcomes())
                .filteredOn(outcome -> !outcome.succeeded())
                .extracting(SealOutcome::failure)
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("INVALID_DOCUMENT at HASH: file 'invoice 8.xml' is not a PDF");
        checks.assertValidSignedPdf(out.resolve("invoice 8.pdf"), original, SignatureLevel.LT, work);
        assertThat(out.resolve("invoice 8.xml.asice")).doesNotExist();
    }

    /**
     * Issue 19's done-when: ASiC-E XAdES and PAdES at LT through eParaksts and Smart-ID (CSC is
     * above), and through CSC at B, T and LTA; one PDF and one XML each, in this suite.
     */
    @ParameterizedTest
    @CsvSource({"EPARAKSTS, LT", "SMARTID, LT", "CSC, B", "CSC, T", "CSC, LTA"})
    void aPdfAndAnXmlSealedWithFormatAutoValidateAtTheLevelThroughTheProvider(Provider provider, SignatureLevel level)
            throws Exception {
        FormatRun.sealAndCheck(suite, checks, provider, level, work);
    }

    @Test
    void aDigestSignedOverRestVerifiesWithOpensslOverTheFileOnlyAndOnlyForItsTenant() throws Exception {
        DigestSigningChecks rest = new DigestSigningChecks(
                suite.getBean(SuiteServices.class).running().stream()
                        .filter(service -> service.name().equals("gateway"))
                        .findFirst()
                        .orElseThrow()
                        .port(),
                suite.getBean(Sandbox.class).trustAnchorPem());
        Path dir = Files.createDirectories(work.resolve("digest"));
        Path file = Files.writeString(dir.resolve("contract.txt"), "The e-service keeps this contract.");
        String digest = DigestSigningChecks.sha256Base64(Files.readAllBytes(file));

        String id = rest.post("demo-key", DigestSigningChecks.body(digest, "SHA-256", "cades-detached", null));
        rest.awaitSigned("demo-key", id);
        HttpResponse<byte[]> fetched = rest.fetch("demo-key", "/v1/signatures/" + id + "/signature");

        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.headers().firstValue("Content-Type")).hasValue("application/pkcs7-signature");
        Path signature = Files.write(dir.resolve("contract.p7s"), fetched.body());
        assertThat(rest.opensslVerifies(signature, file))
                .as("openssl cms -verify over the file")
                .isTrue();
        Path changed = Files.writeString(dir.resolve("changed.txt"), "The e-service keeps this contract!");
        assertThat(rest.opensslVerifies(signature, changed))
                .as("openssl over a changed file")
                .isFalse();
        assertThat(new CMSSignedData(fetched.body())
                        .getSignerInfos()
                        .iterator()
                        .next()
                        .getUnsignedAttributes()
                        .get(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signatureTimeStampToken))
                .as("LT: a signature timestamp")
                .isNotNull();

        // Tenant B sees neither the status nor the signature: 404, as for an unknown id.
        assertThat(rest.send(GLOBEX_KEY, "GET", "/v1/signatures/" + id, null).statusCode())
                .isEqualTo(404);
        assertThat(rest.fetch(GLOBEX_KEY, "/v1/signatures/" + id + "/signature").statusCode())
                .isEqualTo(404);
        assertThat(rest.send(GLOBEX_KEY, "GET", "/v1/documents/" + id, null).statusCode())
                .isEqualTo(404);

        // The same digest as a detached XAdES: XML whose reference carries the digest, validated by DSS
        // against it in container-service before it is stored.
        String xadesId = rest.post("demo-key", DigestSigningChecks.body(digest, "SHA-256", "xades-detached", null));
        rest.awaitSigned("demo-key", xadesId);
        HttpResponse<byte[]> xades = rest.fetch("demo-key", "/v1/signatures/" + xadesId + "/signature");
        assertThat(xades.statusCode()).isEqualTo(200);
        assertThat(xades.headers().firstValue("Content-Type")).hasValue("application/xml");
        assertThat(DigestSigningChecks.referenceDigest(xades.body(), "document"))
                .isEqualTo(Base64.getDecoder().decode(digest));
        assertThat(new String(xades.body(), UTF_8)).contains("SignatureTimeStamp");
        rest.assertRefused(
                "demo-key",
                DigestSigningChecks.body(digest, "SHA-256", "xades-detached", null)
                        .replace("\"LT\"", "\"LTA\""),
                "LTA is not produced for xades-detached");

        String shortDigest = Base64.getEncoder().encodeToString(new byte[20]);
        rest.assertRefused(
                "demo-key", DigestSigningChecks.body(shortDigest, "SHA-256", "cades-detached", null), "has 20 bytes");
        rest.assertRefused("demo-key", DigestSigningChecks.body(digest, "MD5", "cades-detached", null), "SHA-256");
        rest.assertRefused("demo-key", DigestSigningChecks.body(digest, "SHA-256", "pades", null), "cades-detached");
        rest.assertRefused(
                "demo-key",
                DigestSigningChecks.body(digest, "SHA-256", "cades-detached", "https://attacker.example/x"),
                "not registered");
    }

    /**
     * A person signs the digest: the answer's redirectUrl is the person page; Smart-ID's demo account
     * confirms and the one-time test person logs in by themselves in the standalone. Once signed,
     * the page sends the browser back to the callback URL; openssl accepts the CMS over the file.
     */
    @ParameterizedTest
    @CsvSource({"smartid, PNOEE-40504040001-DEM0-Q", "onetime, PNOLV-010101-10006/ONE TIME"})
    void aDigestSignedByAPersonFollowsRedirectUrlAndReturnsTheBrowserToTheCallback(String provider, String signer)
            throws Exception {
        DigestSigningChecks rest = digestSigning();
        Path dir = Files.createDirectories(work.resolve("digest-" + provider));
        Path file = Files.writeString(dir.resolve("contract.txt"), "The e-service keeps this contract: " + provider);
        String digest = DigestSigningChecks.sha256Base64(Files.readAllBytes(file));
        String callback = "https://e-service.example/signed?order=" + provider;

        String[] accepted = rest.postForPerson(
                "demo-key", DigestSigningChecks.body(digest, "SHA-256", "cades-detached", callback, provider, signer));
        String id = accepted[0];
        assertThat(accepted[1]).startsWith("/person/" + provider + "/");
        rest.awaitSigned("demo-key", id);

        HttpResponse<String> back = rest.openPersonPage(accepted[1]);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location")).hasValue(callback + "&signatureId=" + id + "&status=SIGNED");
        HttpResponse<byte[]> fetched = rest.fetch("demo-key", "/v1/signatures/" + id + "/signature");
        assertThat(fetched.statusCode()).isEqualTo(200);
        Path signature = Files.write(dir.resolve("contract.p7s"), fetched.body());
        java.time.Instant signingTime = DigestSigningChecks.signingTime(fetched.body());
        assertThat(rest.opensslVerifies(signature, file, signingTime))
                .as("openssl cms -verify over the file")
                .isTrue();
        Path changed = Files.writeString(dir.resolve("changed.txt"), "Another contract");
        assertThat(rest.opensslVerifies(signature, changed, signingTime))
                .as("openssl over a changed file")
                .isFalse();
    }

    private DigestSigningChecks digestSigning() {
        return new DigestSigningChecks(
                suite.getBean(SuiteServices.class).running().stream()
                        .filter(service -> service.name().equals("gateway"))
                        .findFirst()
                        .orElseThrow()
                        .port(),
                suite.getBean(Sandbox.class).trustAnchorPem());
    }

    @Test
    void aCorruptIntakeRecordIsDeadLetteredAndTheNextRecordOnItsPartitionStillCompletes() throws Exception {
        KafkaBroker broker = suite.getBean(KafkaBroker.class);
        Topics topics = Topics.defaults();
        String intake = topics.intake().name();
        String deadLetters = Topics.deadLetter(intake, "gateway");
        String clientReference = "after-the-poison-" + UUID.randomUUID();
        String documentId = IntakeAcceptor.documentIdFor("demo", clientReference);
        KafkaSealClients clients = new KafkaSealClients(
                broker.bootstrapServers(),
                suite.getBean(StandaloneProperties.class).kafka().partitions(),
                BrokerConfig.MAX_MESSAGE_BYTES);

        try (KafkaConsumer<String, Object> outcomes = clients.outcomeConsumer(List.of(
                        topics.containerAssembled().name(),
                        topics.documentFailed().name()));
                KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer());
                KafkaProducer<String, Object> events = clients.intakeProducer()) {
            ProducerRecord<byte[], byte[]> poison = new ProducerRecord<>(
                    intake, 0, "poison".getBytes(UTF_8), "{\"tenantId\": \"demo\", truncated".getBytes(UTF_8));
            poison.headers()
                    .add(
                            CloudEventHeaders.TYPE,
                            EventTypes.typeOf(DocumentSubmitted.class).getBytes(UTF_8));
            raw.send(poison).get();
            DocumentSubmitted good = new DocumentSubmitted(
                    DocumentSubmitted.SCHEMA_VERSION,
                    "demo",
                    clientReference,
                    null,
                    "invoice-after-poison.xml",
                    "application/xml",
                    "<Invoice><ID>after-poison</ID></Invoice>".getBytes(UTF_8),
                    new SignerRef(Provider.CSC, "sandbox-seal"),
                    SignatureFormat.ASIC_E_CADES,
                    SignatureLevel.LT);
            events.send(new ProducerRecord<>(intake, 0, clientReference, good)).get();

            ConsumerRecord<String, Object> outcome = awaitRecord(outcomes, documentId, Duration.ofMinutes(2));
            assertThat(outcome.value()).isInstanceOf(ContainerAssembled.class);
            assertThat(((ContainerAssembled) outcome.value()).validation().indication())
                    .isEqualTo("TOTAL_PASSED");
        }

        try (KafkaConsumer<String, byte[]> dead = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = dead.partitionsFor(deadLetters).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            dead.assign(partitions);
            dead.seekToBeginning(partitions);
            ConsumerRecord<String, byte[]> deadLetter = awaitRecord(dead, "poison", Duration.ofSeconds(30));
            assertThat(new String(deadLetter.value(), UTF_8)).contains("truncated");
            assertThat(deadLetter.headers().lastHeader("x-exception-message")).isNotNull();
            assertThat(new String(
                            deadLetter.headers().lastHeader("x-original-topic").value(), UTF_8))
                    .isEqualTo(intake);
        }
    }

    @Test
    void aDocumentInTheTenantsBucketIsAssembledAndAnotherTenantsAWrongDigestOrAnOversizedObjectIsRefused()
            throws Exception {
        Topics topics = Topics.defaults();
        KafkaSealClients clients = new KafkaSealClients(
                suite.getBean(KafkaBroker.class).bootstrapServers(),
                suite.getBean(StandaloneProperties.class).kafka().partitions(),
                BrokerConfig.MAX_MESSAGE_BYTES);
        // Over a default broker's message limit (1 MB), which inline content cannot pass.
        byte[] large = pdfLike(2 * 1024 * 1024);
        String key = putObject("demo/outgoing/large-" + UUID.randomUUID() + ".pdf", large);
        // Over the gateway's document limit of this suite (MAX_DOCUMENT_SIZE).
        String oversizedKey =
                putObject("demo/outgoing/oversized-" + UUID.randomUUID() + ".pdf", pdfLike(4 * 1024 * 1024));
        String sha256 = sha256Hex(large);
        String inBucket = "large-" + UUID.randomUUID();
        // The configuration admits s3://back-office/demo/ only: globex's folder of the same bucket.
        String anotherTenants = "globex-" + UUID.randomUUID();
        String wrongDigest = "wrong-digest-" + UUID.randomUUID();
        String oversized = "oversized-" + UUID.randomUUID();
        Map<String, DocumentSubmitted> records = Map.of(
                inBucket,
                submittedObject(inBucket, "s3://" + BACK_OFFICE_BUCKET + "/" + key, sha256),
                anotherTenants,
                submittedObject(anotherTenants, "s3://" + BACK_OFFICE_BUCKET + "/globex/" + key, sha256),
                wrongDigest,
                submittedObject(
                        wrongDigest, "s3://" + BACK_OFFICE_BUCKET + "/" + key, sha256Hex("other".getBytes(UTF_8))),
                oversized,
                submittedObject(oversized, "s3://" + BACK_OFFICE_BUCKET + "/" + oversizedKey, sha256));

        try (KafkaConsumer<String, Object> outcomes = clients.outcomeConsumer(List.of(
                        topics.containerAssembled().name(),
                        topics.documentFailed().name()));
                KafkaProducer<String, Object> events = clients.intakeProducer()) {
            for (Map.Entry<String, DocumentSubmitted> record : records.entrySet()) {
                events.send(new ProducerRecord<>(topics.intake().name(), record.getKey(), record.getValue()))
                        .get();
            }

            // Any may come first: collect all from one consumer rather than skip one awaiting another.
            Map<String, Object> outcome = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (outcome.size() < records.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Object> record : outcomes.poll(Duration.ofMillis(200))) {
                    for (String reference : records.keySet()) {
                        if (IntakeAcceptor.documentIdFor("demo", reference).equals(record.key())) {
                            outcome.put(reference, record.value());
                        }
                    }
                }
            }
            assertThat(outcome.get(inBucket)).isInstanceOf(ContainerAssembled.class);
            assertThat(((ContainerAssembled) outcome.get(inBucket)).validation().indication())
                    .isEqualTo("TOTAL_PASSED");
            assertRefused(outcome.get(anotherTenants), FailureReason.INVALID_DOCUMENT, "outside");
            assertRefused(outcome.get(wrongDigest), FailureReason.INVALID_DOCUMENT, "SHA-256");
            assertRefused(outcome.get(oversized), FailureReason.DOCUMENT_TOO_LARGE, "limit");
        }
    }

    private static void assertRefused(Object outcome, FailureReason reason, String messagePart) {
        assertThat(outcome).isInstanceOfSatisfying(DocumentFailed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(reason);
            assertThat(failed.message()).containsIgnoringCase(messagePart);
        });
    }

    private String putObject(String key, byte[] bytes) {
        backOffice
                .backend()
                .putBlob(
                        BACK_OFFICE_BUCKET,
                        backOffice.backend().blobBuilder(key).payload(bytes).build());
        return key;
    }

    private static byte[] pdfLike(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        System.arraycopy("%PDF-1.7\n".getBytes(UTF_8), 0, bytes, 0, 9);
        return bytes;
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aTenantsProducerIsRefusedAnotherTenantsIntakeByTheBrokerAndItsOwnRecordCompletes() throws Exception {
        KafkaBroker broker = suite.getBean(KafkaBroker.class);
        String tenantListener = broker.tenantBootstrapServers().orElseThrow();
        Topics topics = Topics.defaults();
        String clientReference = "own-topic-" + UUID.randomUUID();
        KafkaSealClients clients = new KafkaSealClients(
                broker.bootstrapServers(),
                suite.getBean(StandaloneProperties.class).kafka().partitions(),
                BrokerConfig.MAX_MESSAGE_BYTES);
        byte[] invoice = EventJson.write(new DocumentSubmitted(
                DocumentSubmitted.SCHEMA_VERSION,
                "demo",
                clientReference,
                null,
                "own-topic.xml",
                "application/xml",
                "<Invoice><ID>own-topic</ID></Invoice>".getBytes(UTF_8),
                new SignerRef(Provider.CSC, "sandbox-seal"),
                SignatureFormat.ASIC_E_CADES,
                SignatureLevel.B));

        try (KafkaConsumer<String, Object> outcomes = clients.outcomeConsumer(List.of(
                        topics.containerAssembled().name(),
                        topics.documentFailed().name()));
                KafkaProducer<byte[], byte[]> globex = TenantProducers.of(tenantListener, "globex", GLOBEX_PASSWORD);
                KafkaProducer<byte[], byte[]> demo = TenantProducers.of(tenantListener, "demo", DEMO_PASSWORD);
                KafkaProducer<byte[], byte[]> demoWrongPassword =
                        TenantProducers.of(tenantListener, "demo", GLOBEX_PASSWORD)) {
            // Globex's credentials on demo's topic, on the shared one, and a wrong password: the broker says no.
            for (String topic :
                    List.of(TenantIntakes.topicOf("demo"), topics.intake().name())) {
                assertThatThrownBy(() -> globex.send(new ProducerRecord<>(topic, invoice))
                                .get(30, TimeUnit.SECONDS))
                        .as(topic)
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
            assertThatThrownBy(() -> demoWrongPassword
                            .send(new ProducerRecord<>(TenantIntakes.topicOf("demo"), invoice))
                            .get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);

            demo.send(new ProducerRecord<>(TenantIntakes.topicOf("demo"), invoice))
                    .get(30, TimeUnit.SECONDS);

            ConsumerRecord<String, Object> outcome =
                    awaitRecord(outcomes, IntakeAcceptor.documentIdFor("demo", clientReference), Duration.ofMinutes(2));
            assertThat(outcome.value()).isInstanceOf(ContainerAssembled.class);
        }
    }

    private static DocumentSubmitted submittedObject(String clientReference, String uri, String sha256) {
        return new DocumentSubmitted(
                DocumentSubmitted.SCHEMA_VERSION,
                "demo",
                clientReference,
                null,
                clientReference + ".pdf",
                "application/pdf",
                null,
                new SignerRef(Provider.CSC, "sandbox-seal"),
                SignatureFormat.ASIC_E_CADES,
                SignatureLevel.LT,
                new ContentObject(uri, sha256));
    }

    private static <V> ConsumerRecord<String, V> awaitRecord(
            KafkaConsumer<String, V> consumer, String key, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                if (key.equals(record.key())) {
                    return record;
                }
            }
        }
        throw new AssertionError("no record with key " + key + " within " + timeout);
    }

    /** Invoices of different sizes and kinds, so the containers differ as real ones would. */
    private static Path documents(Path dir, SignatureLevel level) throws Exception {
        Files.createDirectories(dir);
        Random random = new Random(level.ordinal());
        for (int i = 1; i <= DOCUMENTS_PER_LEVEL; i++) {
            String number = "INV-%s-%04d".formatted(level, i);
            switch (i % 3) {
                case 0 -> {
                    byte[] pdfLike = new byte[1_000 + random.nextInt(60_000)];
                    random.nextBytes(pdfLike);
                    System.arraycopy("%PDF-1.4\n".getBytes(UTF_8), 0, pdfLike, 0, 9);
                    Files.write(dir.resolve(number + ".pdf"), pdfLike);
                }
                case 1 -> {
                    StringBuilder lines = new StringBuilder();
                    for (int line = 1, count = 1 + random.nextInt(40); line <= count; line++) {
                        lines.append(
                                "<cac:InvoiceLine><cbc:ID>%d</cbc:ID><cbc:LineExtensionAmount currencyID=\"EUR\">%d.00</cbc:LineExtensionAmount></cac:InvoiceLine>\n"
                                        .formatted(line, random.nextInt(10_000)));
                    }
                    Files.writeString(
                            dir.resolve(number + ".xml"),
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Invoice><cbc:ID>%s</cbc:ID>\n%s</Invoice>\n"
                                    .formatted(number, lines));
                }
                default ->
                    Files.writeString(
                            dir.resolve(number + " remittance.txt"),
                            "Remittance advice %s, amount %d.%02d EUR%n".formatted(number, random.nextInt(5000), i));
            }
        }
        return dir;
    }
}
