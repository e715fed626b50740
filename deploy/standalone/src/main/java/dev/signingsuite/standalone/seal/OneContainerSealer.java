package dev.signingsuite.standalone.seal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals a folder into one container: every file under one signature, so that a Smart-ID person
 * confirms once for the whole folder. The Kafka intake carries one file per record, so the files
 * go up as a back-office system would send them, over the gateway's REST API ({@code POST
 * /v1/batches} with {@code container=single}); the outcome is read from the public terminal topics
 * as {@link Sealer} does, and the container written as {@code <input folder name>.asice}.
 */
public final class OneContainerSealer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Sealer.SealClients clients;
    private final BlobStore blobs;
    private final Topics topics;
    private final URI gateway;
    private final String apiKey;
    private final Sealer checks;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newHttpClient();

    public OneContainerSealer(
            Sealer.SealClients clients,
            BlobStore blobs,
            Topics topics,
            URI gateway,
            String apiKey,
            long maxDocumentBytes,
            PrintStream out) {
        this.clients = clients;
        this.blobs = blobs;
        this.topics = topics;
        this.gateway = gateway;
        this.apiKey = apiKey;
        this.checks = new Sealer(clients, blobs, topics, maxDocumentBytes, out);
        this.out = out;
    }

    public SealReport seal(
            Path inputDir, Path outputDir, SignatureLevel level, Provider provider, Path trustAnchor, Duration timeout)
            throws IOException, InterruptedException {
        List<Path> inputs = Sealer.inputs(inputDir);
        Files.createDirectories(outputDir);
        Instant started = Instant.now();
        String name = inputDir.toAbsolutePath().normalize().getFileName() + ".asice";
        List<SealOutcome> outcomes = new ArrayList<>();
        // One container holds every file or none: a file the gateway would refuse stops the run.
        for (Path input : inputs) {
            String problem = checks.problemWith(input, input.getFileName().toString());
            if (problem != null) {
                outcomes.add(SealOutcome.failed(input.getFileName().toString(), problem, null));
            }
        }
        boolean timedOut = false;
        if (outcomes.isEmpty()) {
            try (KafkaConsumer<String, Object> consumer = clients.outcomeConsumer(List.of(
                    topics.containerAssembled().name(), topics.documentFailed().name()))) {
                HttpResponse<String> accepted = upload(inputs, level, provider);
                if (accepted.statusCode() != 202) {
                    JsonNode problem = JSON.readTree(accepted.body());
                    outcomes.add(SealOutcome.failed(
                            name,
                            accepted.statusCode() + ": "
                                    + problem.path("detail").asString(),
                            null));
                } else {
                    String documentId = JSON.readTree(accepted.body())
                            .path("documents")
                            .get(0)
                            .path("documentId")
                            .asString();
                    out.printf("%d files as one document %s%n", inputs.size(), documentId);
                    SealOutcome outcome = await(consumer, documentId, name, outputDir, started, timeout);
                    timedOut = outcome == null;
                    outcomes.add(
                            outcome != null ? outcome : SealOutcome.failed(name, "no outcome within " + timeout, null));
                }
            }
        }
        Path anchor =
                Files.copy(trustAnchor, outputDir.resolve("trust-anchor.pem"), StandardCopyOption.REPLACE_EXISTING);
        return new SealReport(outcomes, Duration.between(started, Instant.now()), anchor, timedOut);
    }

    private HttpResponse<String> upload(List<Path> inputs, SignatureLevel level, Provider provider)
            throws IOException, InterruptedException {
        String boundary = "seal-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path input : inputs) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                            + input.getFileName() + "\"\r\nContent-Type: " + Sealer.mediaType(input) + "\r\n\r\n")
                    .getBytes(UTF_8));
            body.write(Files.readAllBytes(input));
            body.write("\r\n".getBytes(UTF_8));
        }
        field(body, boundary, "provider", provider.id());
        field(body, boundary, "signer", Sealer.signerFor(provider).identity());
        field(body, boundary, "level", level.name().toUpperCase(Locale.ROOT));
        field(body, boundary, "container", "single");
        body.write(("--" + boundary + "--\r\n").getBytes(UTF_8));
        return http.send(
                HttpRequest.newBuilder(gateway.resolve("/v1/batches"))
                        .header("X-API-Key", apiKey)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value)
            throws IOException {
        body.write(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(UTF_8));
    }

    /** The document's terminal event, or null when none came within the timeout. */
    private SealOutcome await(
            KafkaConsumer<String, Object> consumer,
            String documentId,
            String name,
            Path outputDir,
            Instant started,
            Duration timeout)
            throws IOException {
        Instant deadline = started.plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                if (!documentId.equals(record.key())) {
                    continue;
                }
                Duration latency = Duration.between(started, Instant.ofEpochMilli(record.timestamp()));
                if (record.value() instanceof ContainerAssembled assembled) {
                    Path target = outputDir.resolve(name);
                    try (InputStream container = blobs.open(assembled.container())) {
                        Files.copy(container, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    return SealOutcome.assembled(name, target, latency);
                }
                DocumentFailed failed = (DocumentFailed) record.value();
                return SealOutcome.failed(
                        name, failed.reason() + " at " + failed.stage() + ": " + failed.message(), latency);
            }
        }
        return null;
    }
}
