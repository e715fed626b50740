package dev.signingsuite.standalone.seal;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.FileNames;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.events.Topics;
import dev.signingsuite.gateway.intake.IntakeAcceptor;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Seals a folder the way a back-office system would: every file goes to the intake topic as
 * {@link DocumentSubmitted} (or, {@link #overRest}, to the REST API), and the outcome of each is read back from the public terminal topics
 * ({@link ContainerAssembled}, {@link DocumentFailed}). Containers are copied out of the blob store
 * as {@code <input file name>.asice}.
 */
public final class Sealer {

    /** The standalone default tenant and its sandbox signers (see gateway.yml). */
    public static final String TENANT = "demo";

    private final SealClients clients;
    private final BlobStore blobs;
    private final Topics topics;
    private final long maxDocumentBytes;
    private final PrintStream out;
    private final FormatChoice formats;
    // Null: the Kafka intake, as a back office sends; else the REST API, as an e-service does.
    private final RestUploads rest;
    // Which lane's Kafka intake (ADR 16): a back office puts persons' documents on the interactive one.
    private final Lane intake;

    public Sealer(SealClients clients, BlobStore blobs, Topics topics, long maxDocumentBytes, PrintStream out) {
        this(clients, blobs, topics, maxDocumentBytes, out, SignatureFormat.ASIC_E_CADES);
    }

    /** @param format the format every document is sealed in: an ASiC-E flavour, or PAdES for PDFs */
    public Sealer(
            SealClients clients,
            BlobStore blobs,
            Topics topics,
            long maxDocumentBytes,
            PrintStream out,
            SignatureFormat format) {
        this(clients, blobs, topics, maxDocumentBytes, out, FormatChoice.of(format));
    }

    /** @param formats the format of each document: one for all, or auto (PDFs in PAdES, the rest ASiC-E XAdES) */
    public Sealer(
            SealClients clients,
            BlobStore blobs,
            Topics topics,
            long maxDocumentBytes,
            PrintStream out,
            FormatChoice formats) {
        this(clients, blobs, topics, maxDocumentBytes, out, formats, null, Lane.BULK);
    }

    private Sealer(
            SealClients clients,
            BlobStore blobs,
            Topics topics,
            long maxDocumentBytes,
            PrintStream out,
            FormatChoice formats,
            RestUploads rest,
            Lane intake) {
        this.clients = clients;
        this.blobs = blobs;
        this.topics = topics;
        this.maxDocumentBytes = maxDocumentBytes;
        this.out = out;
        this.formats = formats;
        this.rest = rest;
        this.intake = intake;
    }

    /**
     * The same sealer sending each file over REST, one document an upload, as an e-service sends a
     * person's document; outcomes are still read from the terminal topics.
     */
    public Sealer overRest(RestUploads uploads) {
        return new Sealer(clients, blobs, topics, maxDocumentBytes, out, formats, uploads, intake);
    }

    /** The same sealer putting its records on the Kafka intake of {@code lane}, as a back office does. */
    public Sealer onIntake(Lane lane) {
        return new Sealer(clients, blobs, topics, maxDocumentBytes, out, formats, null, lane);
    }

    public static SignerRef signerFor(Provider provider) {
        return switch (provider) {
            case CSC -> new SignerRef(Provider.CSC, "sandbox-seal");
            case EPARAKSTS -> new SignerRef(Provider.EPARAKSTS, "qsealc");
            // The Smart-ID simulator's demo account that always confirms (zero in DEM0, as on the demo service).
            case SMARTID -> new SignerRef(Provider.SMARTID, "PNOEE-40504040001-DEM0-Q");
            // The sandbox's one-time test person: identifier and name, for whom the one-time CA issues.
            case ONETIME -> new SignerRef(Provider.ONETIME, "PNOLV-010101-10006/ONE TIME");
        };
    }

    public SealReport seal(
            Path inputDir, Path outputDir, SignatureLevel level, Provider provider, Path trustAnchor, Duration timeout)
            throws IOException {
        return seal(inputDir, outputDir, level, provider, trustAnchor, timeout, 0);
    }

    /**
     * @param documentsPerSecond the pace of submission, for latency under a given load (the bench);
     *     0 submits everything at once
     */
    public SealReport seal(
            Path inputDir,
            Path outputDir,
            SignatureLevel level,
            Provider provider,
            Path trustAnchor,
            Duration timeout,
            double documentsPerSecond)
            throws IOException {
        return seal(inputDir, outputDir, level, signerFor(provider), trustAnchor, timeout, documentsPerSecond);
    }

    /** Seals with a signer other than the provider's sandbox default (another CSC credential, say). */
    public SealReport seal(
            Path inputDir,
            Path outputDir,
            SignatureLevel level,
            SignerRef signer,
            Path trustAnchor,
            Duration timeout,
            double documentsPerSecond)
            throws IOException {
        List<Path> inputs = inputs(inputDir);
        Files.createDirectories(outputDir);
        Instant started = Instant.now();
        String run = "seal-" + started.toEpochMilli();
        Map<String, Pending> pending = new LinkedHashMap<>();
        List<SealOutcome> outcomes = new ArrayList<>();
        Progress progress = new Progress(out, inputs.size());

        try (KafkaConsumer<String, Object> consumer = clients.outcomeConsumer(List.of(
                        topics.containerAssembled().name(),
                        topics.documentFailed().name()));
                KafkaProducer<String, Object> producer = clients.intakeProducer()) {
            for (int i = 0; i < inputs.size(); i++) {
                if (documentsPerSecond > 0) {
                    // Paced: outcomes are read while waiting for the next slot, not after the last one.
                    Instant slot = started.plusNanos((long) (i * 1e9 / documentsPerSecond));
                    while (Instant.now().isBefore(slot)) {
                        long wait = Math.max(
                                1, Duration.between(Instant.now(), slot).toMillis());
                        drain(consumer, Duration.ofMillis(Math.min(wait, 200)), pending, outcomes, outputDir, progress);
                    }
                }
                Path input = inputs.get(i);
                String fileName = input.getFileName().toString();
                String problem = problemWith(input, fileName);
                if (problem != null) {
                    outcomes.add(SealOutcome.failed(fileName, problem, null));
                    progress.update(outcomes);
                    continue;
                }
                String clientReference = run + "-" + (i + 1);
                byte[] content = Files.readAllBytes(input);
                SignatureFormat format = formats.formatOf(content);
                Instant submittedAt = Instant.now();
                if (rest != null) {
                    HttpResponse<String> accepted = rest.upload(List.of(input), signer, level, format, null);
                    if (accepted.statusCode() != 202) {
                        outcomes.add(SealOutcome.failed(fileName, RestUploads.refusal(accepted), null));
                        progress.update(outcomes);
                        continue;
                    }
                    pending.put(RestUploads.firstDocumentId(accepted), new Pending(fileName, format, submittedAt));
                    continue;
                }
                DocumentSubmitted submitted = new DocumentSubmitted(
                        DocumentSubmitted.SCHEMA_VERSION,
                        TENANT,
                        clientReference,
                        run,
                        fileName,
                        mediaType(input),
                        content,
                        signer,
                        format,
                        level);
                pending.put(
                        IntakeAcceptor.documentIdFor(TENANT, clientReference),
                        new Pending(fileName, format, submittedAt));
                producer.send(new ProducerRecord<>(topics.intake(intake).name(), clientReference, submitted));
                if (documentsPerSecond > 0) {
                    producer.flush();
                }
            }
            producer.flush();
            Instant deadline = started.plus(timeout);
            while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
                drain(consumer, Duration.ofMillis(200), pending, outcomes, outputDir, progress);
            }
        }
        boolean timedOut = !pending.isEmpty();
        pending.values()
                .forEach(p -> outcomes.add(SealOutcome.failed(p.fileName(), "no outcome within " + timeout, null)));
        progress.done();
        Path anchor =
                Files.copy(trustAnchor, outputDir.resolve("trust-anchor.pem"), StandardCopyOption.REPLACE_EXISTING);
        return new SealReport(outcomes, Duration.between(started, Instant.now()), anchor, timedOut);
    }

    private void drain(
            KafkaConsumer<String, Object> consumer,
            Duration wait,
            Map<String, Pending> pending,
            List<SealOutcome> outcomes,
            Path outputDir,
            Progress progress)
            throws IOException {
        for (ConsumerRecord<String, Object> record : consumer.poll(wait)) {
            Pending waiting = pending.remove(record.key());
            if (waiting != null) {
                // The outcome's own timestamp (written by the stage that ended the document), not
                // when this loop got round to reading it.
                Instant ended = Instant.ofEpochMilli(record.timestamp());
                outcomes.add(outcome(record.value(), waiting, outputDir, ended));
                progress.update(outcomes);
            }
        }
    }

    private SealOutcome outcome(Object event, Pending waiting, Path outputDir, Instant ended) throws IOException {
        Duration latency = Duration.between(waiting.submittedAt(), ended);
        if (latency.isNegative()) {
            latency = Duration.ZERO;
        }
        if (event instanceof ContainerAssembled assembled) {
            // PAdES: the signed PDF under the input's own name; ASiC-E: the container beside it.
            Path target = outputDir.resolve(FormatChoice.outputName(waiting.fileName(), waiting.format()));
            try (InputStream container = blobs.open(assembled.container())) {
                Files.copy(container, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return SealOutcome.assembled(waiting.fileName(), target, latency);
        }
        DocumentFailed failed = (DocumentFailed) event;
        return SealOutcome.failed(
                waiting.fileName(), failed.reason() + " at " + failed.stage() + ": " + failed.message(), latency);
    }

    /** A file the suite would refuse anyway is reported without being sent. */
    String problemWith(Path input, String fileName) throws IOException {
        try {
            FileNames.requireSafe(fileName);
        } catch (IllegalArgumentException e) {
            return "INVALID_FILE_NAME: " + e.getMessage();
        }
        long size = Files.size(input);
        if (size == 0) {
            return "INVALID_DOCUMENT: the file is empty";
        }
        if (size > maxDocumentBytes) {
            return "DOCUMENT_TOO_LARGE: " + size + " bytes, the limit is " + maxDocumentBytes;
        }
        return null;
    }

    static List<Path> inputs(Path inputDir) throws IOException {
        if (!Files.isDirectory(inputDir)) {
            throw new IllegalArgumentException(inputDir + " is not a directory");
        }
        try (Stream<Path> files = Files.list(inputDir)) {
            List<Path> inputs = files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException(inputDir + " holds no files to seal");
            }
            return inputs;
        }
    }

    static String mediaType(Path input) throws IOException {
        String probed = Files.probeContentType(input);
        return probed != null ? probed : "application/octet-stream";
    }

    private record Pending(String fileName, SignatureFormat format, Instant submittedAt) {}

    /** Kafka clients of one seal run; the deserializer picks each record's type by its ce_type. */
    public interface SealClients {

        KafkaProducer<String, Object> intakeProducer();

        /** Positioned at the end of {@code topics} before anything is submitted. */
        KafkaConsumer<String, Object> outcomeConsumer(List<String> topics);
    }
}
