package dev.signingsuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.gateway.WebhookReceiver.Received;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The gateway of the webhook ITs: a real HTTP receiver (one for the JVM: the context outlives each
 * class), webhooks allowed to loopback and polled every 100 ms, and the test's clock, so retries
 * happen when a test moves it. Its subclasses share one application context.
 */
@Import(WebhookGateway.Clocks.class)
abstract class WebhookGateway extends RunningGateway {

    static final String DEMO_SECRET = secret("demo");
    static final String OTHER_SECRET = secret("other");
    static final WebhookReceiver RECEIVER = receiver();

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        MutableClock webhookTestClock() {
            // whole milliseconds: PostgreSQL keeps microseconds
            return TestClock.startingAt(TestClock.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }
    }

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void webhooks(DynamicPropertyRegistry registry) {
        registry.add("signing.gateway.webhooks.allow-loopback", () -> "true");
        registry.add("signing.gateway.webhooks.poll-interval", () -> "100ms");
        registry.add("signing.gateway.webhooks.first-retry", () -> "1m");
        // few steps of the clock to reach the end of the retries
        registry.add("signing.gateway.webhooks.max-retry-interval", () -> "12h");
        registry.add("signing.gateway.webhooks.tenants.demo.url", () -> RECEIVER.url("/demo"));
        registry.add("signing.gateway.webhooks.tenants.demo.secret", () -> DEMO_SECRET);
        registry.add("signing.gateway.webhooks.tenants.other.url", () -> RECEIVER.url("/flaky"));
        registry.add("signing.gateway.webhooks.tenants.other.secret", () -> OTHER_SECRET);
        for (String tenant : List.of("inside", "down")) {
            registry.add("signing.gateway.tenants." + tenant + ".api-keys[0]", () -> tenant + "-key");
            registry.add("signing.gateway.tenants." + tenant + ".signers[0].provider", () -> "csc");
            registry.add("signing.gateway.tenants." + tenant + ".signers[0].identity", () -> tenant + "-seal");
            registry.add("signing.gateway.webhooks.tenants." + tenant + ".secret", () -> OTHER_SECRET);
        }
        registry.add("signing.gateway.webhooks.tenants.inside.url", () -> "http://10.255.255.1/hook");
        registry.add("signing.gateway.webhooks.tenants.down.url", () -> RECEIVER.url("/down"));
        // A tenant without a webhook endpoint, hence without a secret to sign a batch's own webhooks.
        registry.add("signing.gateway.tenants.quiet.api-keys[0]", () -> "quiet-key");
        registry.add("signing.gateway.tenants.quiet.signers[0].provider", () -> "csc");
        registry.add("signing.gateway.tenants.quiet.signers[0].identity", () -> "quiet-seal");
    }

    static List<RecordMetadata> sendAll(
            KafkaProducer<String, Object> producer, List<ProducerRecord<String, Object>> records) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        records.forEach(r -> sent.add(producer.send(r)));
        List<RecordMetadata> written = new ArrayList<>();
        for (Future<RecordMetadata> future : sent) {
            written.add(future.get());
        }
        return written;
    }

    /** Waits for the last record of each partition. */
    void awaitAllConsumed(List<RecordMetadata> written) {
        written.stream()
                .collect(Collectors.toMap(
                        m -> m.topic() + "-" + m.partition(), m -> m, (a, b) -> a.offset() > b.offset() ? a : b))
                .values()
                .forEach(this::awaitConsumed);
    }

    /** Null for a signature's message, which names no batch. */
    static String batchIdOf(Received message) {
        JsonNode data = JSON.readTree(message.body()).get("data");
        return data.has("batchId") ? data.get("batchId").asString() : null;
    }

    static String documentIdOf(Received message) {
        JsonNode data = JSON.readTree(message.body()).get("data");
        return data.has("documentId") ? data.get("documentId").asString() : null;
    }

    DocumentReceived received(String documentId, String tenant) {
        return received(documentId, tenant, "batch-" + documentId);
    }

    DocumentReceived received(String documentId, String tenant, String batchId) {
        BlobRef blob = new BlobRef("s3://documents/" + documentId, 3, "application/pdf", "b".repeat(64));
        return new DocumentReceived(
                DocumentReceived.SCHEMA_VERSION,
                documentId,
                batchId,
                tenant,
                null,
                new SignerRef(Provider.CSC, tenant + "-seal"),
                SignatureFormat.ASIC_E_CADES,
                SignatureLevel.B,
                List.of(new DataFile("a.pdf", blob)),
                clock.instant());
    }

    /** 32 bytes derived from the seed, as {@code whsec_<base64>}. */
    static String secret(String seed) {
        try {
            byte[] key = java.security.MessageDigest.getInstance("SHA-256").digest(seed.getBytes(UTF_8));
            return "whsec_" + Base64.getEncoder().encodeToString(key);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static WebhookReceiver receiver() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
