package dev.signingsuite.provider.csc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.events.SigningIntent;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.sandbox.signing.SignedDigest;
import dev.signingsuite.signature.DssParameters;
import dev.signingsuite.testsupport.KafkaTestClients;
import dev.signingsuite.testsupport.StageBindingContract;
import dev.signingsuite.testsupport.TopicRecorder;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TestPropertySource(properties = "spring.config.name=" + CscProviderApplication.CONFIG_NAME)
class CscProviderBindingsIT extends StageBindingContract {

    private static Sandbox sandbox;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void csc(DynamicPropertyRegistry registry) {
        registry.add("signing.csc.base-url", () -> sandbox().cscBaseUrl().toString());
        // Documents of the oauth2code seal wait for an approval; the browser leg is played below.
        registry.add("signing.csc.approval-redirect-uri", () -> "http://127.0.0.1:1/csc/callback");
        registry.add("signing.csc.approval-recheck", () -> "1s");
    }

    @Autowired
    private EmbeddedKafkaBroker broker;

    @LocalServerPort
    private int port;

    /**
     * In one partition: a sandbox-seal document, one of the oauth2code seal, another sandbox-seal
     * document. The first is signed at once; the poll is handed back from the waiting one, so the
     * third waits behind it; after the person's approval (code and state relayed to {@code
     * /csc/callback}) both are signed, and every document is answered exactly once.
     */
    @Test
    void aDocumentWaitingForApprovalHoldsBackWhatFollowsItAndNothingIsAnsweredTwice() throws Exception {
        HashComputed first = TestDocuments.hashComputed("first-" + UUID.randomUUID(), "sandbox-seal");
        HashComputed waiting = TestDocuments.hashComputed("oauth-" + UUID.randomUUID(), "sandbox-seal-oauth");
        HashComputed behind = TestDocuments.hashComputed("behind-" + UUID.randomUUID(), "sandbox-seal");
        String output = outputTopic();
        try (TopicRecorder recorder = TopicRecorder.open(broker.getBrokersAsString(), List.of(output));
                KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            for (HashComputed document : List.of(first, waiting, behind)) {
                producer.send(new ProducerRecord<>(inputTopic(), 0, document.documentId(), document));
            }
            producer.flush();

            recorder.await(output, r -> first.documentId().equals(r.key()), Duration.ofSeconds(30));
            JsonNode pending = Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> JSON.readTree(get("/csc/approvals").body()), approvals -> approvals.size() == 1);
            assertThat(pending.get(0).get("documentIds").get(0).stringValue()).isEqualTo(waiting.documentId());
            // Two more rechecks (1 s each): the waiting document and the one behind it are not answered.
            Thread.sleep(2_500);
            assertThat(recorder.seen(output)).extracting(ConsumerRecord::key).containsExactly(first.documentId());

            HttpResponse<String> start =
                    get("/csc/approvals/" + pending.get(0).get("id").stringValue() + "/start");
            assertThat(start.statusCode()).isEqualTo(302);
            HttpResponse<String> approved = HTTP.send(
                    HttpRequest.newBuilder(URI.create(
                                    start.headers().firstValue("Location").orElseThrow()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(approved.statusCode()).isEqualTo(302);
            URI redirect = URI.create(approved.headers().firstValue("Location").orElseThrow());
            HttpResponse<String> callback = get("/csc/callback?" + redirect.getRawQuery());
            assertThat(callback.statusCode()).as(callback.body()).isEqualTo(200);
            assertThat(callback.body()).contains("\"scope\":\"credential\"");

            recorder.await(output, r -> waiting.documentId().equals(r.key()), Duration.ofSeconds(30));
            recorder.await(output, r -> behind.documentId().equals(r.key()), Duration.ofSeconds(30));
            Thread.sleep(1_500);
            assertThat(recorder.seen(output))
                    .extracting(ConsumerRecord::key)
                    .containsExactlyInAnyOrder(first.documentId(), waiting.documentId(), behind.documentId());
            assertThat(JSON.readTree(get("/csc/approvals").body())).isEmpty();
            assertThat(sandbox().csc().signHashSizes("sandbox-seal-oauth")).containsExactly(1);
        }
    }

    /**
     * A crash after the value was published and before the offset was committed delivers the same
     * record again: it is answered from the ledger, with the same value, and the seal signs nothing
     * more.
     */
    @Test
    void aRedeliveredDocumentIsAnsweredFromTheLedgerWithoutASecondSignature() {
        HashComputed document = TestDocuments.hashComputed("again-" + UUID.randomUUID(), "sandbox-seal");
        String output = outputTopic();
        String intents = TOPICS.signingIntents().name();
        String id = document.documentId();
        try (TopicRecorder recorder = TopicRecorder.open(broker.getBrokersAsString(), List.of(output, intents));
                KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            int signedBefore = sandbox().signingLog().entries().size();
            producer.send(new ProducerRecord<>(inputTopic(), id, document));
            producer.flush();
            SignatureReturned first = EventJson.read(
                    recorder.await(output, r -> id.equals(r.key()), Duration.ofSeconds(30))
                            .value(),
                    SignatureReturned.class);
            List<SignedDigest> signed = sandbox().signingLog().entries();
            assertThat(signed).hasSize(signedBefore + 1);
            byte[] digest = signed.get(signed.size() - 1).digest();
            SigningIntent returned = EventJson.read(
                    recorder.await(
                                    intents,
                                    r -> id.equals(r.key())
                                            && r.value() != null
                                            && EventJson.read(r.value(), SigningIntent.class)
                                                            .status()
                                                    == SigningIntent.Status.RETURNED,
                                    Duration.ofSeconds(10))
                            .value(),
                    SigningIntent.class);
            assertThat(returned.dataToSignDigest()).isEqualTo(digest);
            assertThat(returned.signatureValue()).isEqualTo(first.signatureValue());

            producer.send(new ProducerRecord<>(inputTopic(), id, document));
            producer.flush();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> recorder.seen(output).stream()
                                    .filter(r -> id.equals(r.key()))
                                    .count()
                            == 2);
            ConsumerRecord<String, byte[]> again = recorder.seen(output).stream()
                    .filter(r -> id.equals(r.key()))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            SignatureReturned republished = EventJson.read(again.value(), SignatureReturned.class);
            assertThat(republished.signatureValue()).isEqualTo(first.signatureValue());
            assertThat(republished.parameters().signingDate())
                    .isEqualTo(first.parameters().signingDate());
            assertThat(sandbox().signingLog().count(digest)).isEqualTo(1);
            assertThat(sandbox().signingLog().entries()).hasSize(signedBefore + 1);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @AfterAll
    static void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static synchronized Sandbox sandbox() {
        if (sandbox == null) {
            try {
                sandbox =
                        Sandbox.start(new SandboxSettings(Files.createTempDirectory("csc-it-sandbox"), "127.0.0.1", 0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sandbox;
    }

    @Override
    protected String inputTopic() {
        return TOPICS.hashComputed(Provider.CSC).name();
    }

    @Override
    protected String outputTopic() {
        return TOPICS.signatureReturned().name();
    }

    @Override
    protected String consumerGroup() {
        return "provider-csc";
    }

    @Override
    protected Object sampleInput(String reference) {
        return TestDocuments.hashComputed(reference, "sandbox-seal");
    }

    @Override
    protected void assertAnswer(Object input, byte[] answer) {
        HashComputed document = (HashComputed) input;
        SignatureReturned returned = EventJson.read(answer, SignatureReturned.class);
        assertThat(returned.documentId()).isEqualTo(document.documentId());
        assertThat(returned.manifest().content()).isEqualTo(document.manifest().content());
        assertThat(returned.files()).isEqualTo(document.files());
        X509Certificate seal = sandbox().pki().entity(SandboxEntities.SEAL).certificate();
        // The value signs DSS's data to sign, rebuilt from the event alone as augmentation-service will.
        byte[] dataToSign = new CAdESService(new CommonCertificateVerifier())
                .getDataToSign(
                        DssParameters.manifest(returned.manifest()),
                        DssParameters.cadesBaselineB(returned.parameters()))
                .getBytes();
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(seal.getPublicKey());
            verifier.update(dataToSign);
            assertThat(verifier.verify(returned.signatureValue()))
                    .as("signature value verifies with the seal certificate")
                    .isTrue();
            assertThat(returned.parameters().signingCertificate()).isEqualTo(seal.getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
