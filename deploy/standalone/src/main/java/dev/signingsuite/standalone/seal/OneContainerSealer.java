package dev.signingsuite.standalone.seal;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Seals a folder into one container: every file under one signature, so that a Smart-ID person
 * confirms once for the whole folder. The Kafka intake carries one file per record, so the files
 * go up as a back-office system would send them, over the gateway's REST API ({@code POST
 * /v1/batches} with {@code container=single}); the outcome is read from the public terminal topics
 * as {@link Sealer} does, and the container written as {@code <input folder name>.asice}.
 */
public final class OneContainerSealer {

    private final Sealer.SealClients clients;
    private final BlobStore blobs;
    private final Topics topics;
    private final RestUploads uploads;
    private final Sealer checks;
    private final PrintStream out;

    public OneContainerSealer(
            Sealer.SealClients clients,
            BlobStore blobs,
            Topics topics,
            RestUploads uploads,
            long maxDocumentBytes,
            PrintStream out) {
        this.clients = clients;
        this.blobs = blobs;
        this.topics = topics;
        this.uploads = uploads;
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
                HttpResponse<String> accepted =
                        uploads.upload(inputs, Sealer.signerFor(provider), level, null, "single");
                if (accepted.statusCode() != 202) {
                    outcomes.add(SealOutcome.failed(name, RestUploads.refusal(accepted), null));
                } else {
                    String documentId = RestUploads.firstDocumentId(accepted);
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
