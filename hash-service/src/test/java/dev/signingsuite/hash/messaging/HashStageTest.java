package dev.signingsuite.hash.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.blobstore.FileSystemBlobStore;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.EventTypes;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.events.Topics;
import dev.signingsuite.hash.TestBlobs;
import dev.signingsuite.hash.digest.BlobVerifier;
import dev.signingsuite.hash.digest.DocumentHasher;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.InvalidEnvelopeException;
import dev.signingsuite.messaging.RoutedStage;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/** The function bean without a broker: routing per record, headers, metrics. */
class HashStageTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @TempDir
    Path root;

    private FileSystemBlobStore blobs;
    private PrometheusMeterRegistry meters;
    private RoutedStage<DocumentReceived> stage;
    private final List<Throwable> deadLetters = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        blobs = new FileSystemBlobStore(root);
        meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DocumentHasher hasher = new DocumentHasher(new BlobVerifier(blobs), 1000, CLOCK);
        stage = HashStage.stage(
                hasher,
                new EventMessages("/test/hash-service", CLOCK),
                Topics.withPrefix("acme"),
                meters,
                (message, cause) -> deadLetters.add(cause));
    }

    @Test
    void aVerifiedDocumentGoesToItsProvidersTopicUnderItsKeyAndTrace() throws IOException {
        DocumentReceived received = received(Provider.SMARTID, stored("%PDF-1.7".getBytes(UTF_8)));

        Message<DocumentEvent> answer = stage.apply(inbound(received));

        assertThat(answer.getPayload()).isInstanceOf(HashComputed.class);
        assertThat(answer.getHeaders().get(RoutedStage.SEND_TO)).isEqualTo("acme.hash-computed.smartid.v1");
        assertThat((byte[]) answer.getHeaders().get(KafkaHeaders.KEY)).isEqualTo("doc-1".getBytes(UTF_8));
        assertThat(answer.getHeaders().get(CloudEventHeaders.TRACEPARENT)).isEqualTo(TRACEPARENT);
        assertThat(answer.getHeaders().get(CloudEventHeaders.TYPE)).isEqualTo(EventTypes.typeOf(HashComputed.class));
        assertThat(answer.getHeaders().get(CloudEventHeaders.SOURCE)).isEqualTo("/test/hash-service");
        assertThat(count("hashed")).isEqualTo(1.0);
        assertThat(count("failed")).isZero();
        assertThat(duration().count()).isEqualTo(1);
        // A histogram, so dashboards can aggregate quantiles over instances.
        assertThat(meters.scrape()).contains("signing_stage_duration_seconds_bucket{stage=\"hash\",le=");
    }

    @Test
    void aDocumentThatFailsGoesToTheFailedTopic() throws IOException {
        DataFile file = stored("%PDF-1.7".getBytes(UTF_8));
        Files.delete(TestBlobs.fileOf(root, file.blob()));

        Message<DocumentEvent> answer = stage.apply(inbound(received(Provider.CSC, file)));

        assertThat(answer.getPayload())
                .isInstanceOfSatisfying(
                        DocumentFailed.class,
                        failed -> assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_DOCUMENT));
        assertThat(answer.getHeaders().get(RoutedStage.SEND_TO)).isEqualTo("acme.document-failed.v1");
        assertThat(answer.getHeaders().get(CloudEventHeaders.TYPE)).isEqualTo(EventTypes.typeOf(DocumentFailed.class));
        assertThat(count("failed")).isEqualTo(1.0);
        assertThat(count("hashed")).isZero();
        assertThat(duration().count()).isEqualTo(1);
    }

    @Test
    void aRecordWhoseHeadersContradictItsPayloadIsRefusedBeforeAnyWork() throws IOException {
        DocumentReceived received = received(Provider.CSC, stored("%PDF-1.7".getBytes(UTF_8)));
        Message<DocumentReceived> mislabelled = MessageBuilder.fromMessage(inbound(received))
                .setHeader(CloudEventHeaders.SUBJECT, "another-document")
                .build();

        assertThatThrownBy(() -> stage.apply(mislabelled)).isInstanceOf(InvalidEnvelopeException.class);
        assertThat(duration().count()).isZero();
    }

    private DataFile stored(byte[] content) throws IOException {
        BlobRef ref = blobs.put("demo", new ByteArrayInputStream(content), "application/pdf", Long.MAX_VALUE);
        return new DataFile("invoice.pdf", ref);
    }

    private static DocumentReceived received(Provider provider, DataFile file) {
        return new DocumentReceived(
                DocumentReceived.SCHEMA_VERSION,
                "doc-1",
                "batch-1",
                "demo",
                null,
                new SignerRef(provider, "signer-1"),
                SignatureFormat.ASIC_E_CADES,
                SignatureLevel.LT,
                List.of(file),
                CLOCK.instant());
    }

    private static Message<DocumentReceived> inbound(DocumentReceived received) {
        // As a plain Kafka producer's headers arrive: bytes.
        return MessageBuilder.withPayload(received)
                .setHeader(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(UTF_8))
                .setHeader(CloudEventHeaders.ID, "id-1".getBytes(UTF_8))
                .setHeader(
                        CloudEventHeaders.TYPE,
                        EventTypes.typeOf(DocumentReceived.class).getBytes(UTF_8))
                .setHeader(CloudEventHeaders.SOURCE, "/signing-suite/gateway".getBytes(UTF_8))
                .setHeader(CloudEventHeaders.SUBJECT, received.documentId().getBytes(UTF_8))
                .setHeader(CloudEventHeaders.TRACEPARENT, TRACEPARENT.getBytes(UTF_8))
                .build();
    }

    private double count(String outcome) {
        return meters.get("signing.documents")
                .tags("stage", "hash", "outcome", outcome)
                .counter()
                .count();
    }

    private Timer duration() {
        return meters.get("signing.stage.duration").tag("stage", "hash").timer();
    }
}
