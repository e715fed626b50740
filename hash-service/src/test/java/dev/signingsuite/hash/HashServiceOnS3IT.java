package dev.signingsuite.hash;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.blobstore.S3BlobStore;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.Topics;
import dev.signingsuite.s3server.S3ProxyServer;
import dev.signingsuite.testsupport.KafkaTestClients;
import dev.signingsuite.testsupport.SampleEvents;
import dev.signingsuite.testsupport.TopicRecorder;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** hash-service on machines that share no directory: it reads what the gateway put in the bucket. */
@EmbeddedKafka(
        partitions = 1,
        // One broker: the stages' transactions need a transaction log it can hold alone.
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + HashServiceApplication.CONFIG_NAME,
            "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
            "logging.level.kafka=WARN",
            "logging.level.org.apache.kafka=WARN"
        })
class HashServiceOnS3IT {

    private static final Topics TOPICS = Topics.withPrefix(Topics.DEFAULT_PREFIX);
    private static final String BUCKET = "documents";
    private static final S3ProxyServer S3 = start();

    @Autowired
    private BlobStore store;

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private HealthContributorRegistry health;

    @DynamicPropertySource
    static void blobStore(DynamicPropertyRegistry registry) {
        S3.springProperties(BUCKET).forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void stopS3() throws Exception {
        S3.close();
    }

    @Test
    void hashesADocumentThatAnotherProcessStoredInTheBucket() throws Exception {
        assertThat(store).isInstanceOf(S3BlobStore.class);
        byte[] content = "%PDF-1.7 stored in S3".getBytes(UTF_8);
        BlobRef blob;
        try (S3BlobStore gateway = gatewaysStore()) {
            blob = gateway.put(SampleEvents.TENANT, new ByteArrayInputStream(content), "application/pdf", 1024);
        }
        DocumentReceived received =
                SampleEvents.received("s3-1", Provider.CSC, List.of(new DataFile("invoice.pdf", blob)));
        String output = TOPICS.hashComputed(Provider.CSC).name();

        try (TopicRecorder recorder = TopicRecorder.open(broker.getBrokersAsString(), List.of(output));
                KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            producer.send(new ProducerRecord<>(TOPICS.documentReceived().name(), received.documentId(), received));

            ConsumerRecord<String, byte[]> record =
                    recorder.await(output, r -> received.documentId().equals(r.key()), Duration.ofSeconds(30));
            HashComputed computed = EventJson.read(record.value(), HashComputed.class);
            assertThat(computed.files()).extracting(DataFile::blob).containsExactly(blob);
            assertThat(blob.uri()).startsWith("s3://" + BUCKET + "/" + SampleEvents.TENANT + "/");
        }
    }

    @Test
    void reportsTheBucketAsTheBlobStoreHealthContributor() {
        HealthContributor contributor = health.getContributor("blobStore");

        assertThat(contributor).isInstanceOf(HealthIndicator.class);
        Health bucket = ((HealthIndicator) contributor).health();
        assertThat(bucket.getStatus()).isEqualTo(Status.UP);
        assertThat(bucket.getDetails()).containsEntry("bucket", BUCKET);
    }

    /** The gateway's store: its own client, the same bucket, as on another machine. */
    private static S3BlobStore gatewaysStore() {
        S3Client client = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(S3.endpoint())
                .region(Region.of(S3ProxyServer.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY_ID, S3ProxyServer.SECRET_ACCESS_KEY)))
                .build();
        return new S3BlobStore(client, BUCKET, "", 8 * 1024 * 1024);
    }

    private static S3ProxyServer start() {
        try {
            return S3ProxyServer.inMemory().createBucket(BUCKET);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }
}
