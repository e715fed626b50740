package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.Topics;
import dev.signingsuite.events.kafka.EventSerializer;
import dev.signingsuite.gateway.intake.IntakeAcceptor;
import dev.signingsuite.standalone.Invocation.ChaosOptions;
import dev.signingsuite.standalone.chaos.ChaosReport;
import dev.signingsuite.standalone.chaos.ContainerVerdicts;
import dev.signingsuite.standalone.chaos.MalformedIntake;
import dev.signingsuite.standalone.chaos.MalformedIntake.Malformed;
import dev.signingsuite.standalone.chaos.OutcomeTally;
import dev.signingsuite.standalone.chaos.RemoteSignatures;
import dev.signingsuite.standalone.chaos.SandboxFaults;
import dev.signingsuite.standalone.chaos.Victims;
import dev.signingsuite.standalone.dlq.DeadLetter;
import dev.signingsuite.standalone.dlq.DeadLetters;
import dev.signingsuite.standalone.seal.Sealer;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One chaos run on a {@link ProcessSuite}: the good documents and the malformed records go in
 * through the Kafka intake while {@link ChaosAgent} kills processes and the sandbox injects faults;
 * then every outcome is counted from the topics and every container validated on its own.
 */
final class ChaosRun {

    /** The gateway's limit in a chaos run, so that an oversized record costs little to send. */
    static final int MAX_DOCUMENT_BYTES = 256 * 1024;

    /** How long outcomes are still read after the last one, for duplicates that come late. */
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private static final Duration PROGRESS_EVERY = Duration.ofMinutes(1);

    private ChaosRun() {}

    private record Good(String fileName, byte[] content) {}

    /**
     * How a run goes beyond its options.
     *
     * @param stall how long to go on waiting, once everything is sent, while no further document
     *     is answered: a run is as long as its documents need, but a stuck one ends
     * @param submitOver how long submission takes, the records spread evenly; zero: all at once
     * @param pick the next process to kill among those given
     */
    record Plan(
            Map<String, Integer> layout,
            Duration stall,
            Duration submitOver,
            Function<List<ChildProcess>, ChildProcess> pick) {

        /** The command's: the layout, all at once, random victims, every kind of service among them. */
        static Plan of(StandaloneProperties properties, ChaosOptions options, Duration stall) {
            return new Plan(
                    ProcessSuite.layout(
                            List.of(options.provider().id()),
                            properties.processes().instances()),
                    options.outage() == null ? stall : stall.plus(options.outage()),
                    Duration.ZERO,
                    new Victims<>(ChildProcess::name, new java.util.Random()));
        }
    }

    static ChaosReport run(StandaloneProperties properties, ChaosOptions options, Plan plan, PrintStream out)
            throws Exception {
        long started = System.nanoTime();
        Topics topics = Topics.defaults();
        try (ProcessSuite suite = ProcessSuite.start(properties, plan.layout())) {
            out.printf("%d processes ready (logs in %s)%n", suite.processes().size(), suite.logs());
            SandboxFaults faults = new SandboxFaults(suite.sandbox().baseUrl());
            Map<String, Good> good = new LinkedHashMap<>();
            List<Malformed> malformed = new ArrayList<>();
            try (OutcomeTally tally = new OutcomeTally(
                    suite.bootstrapServers(),
                    List.of(
                            topics.containerAssembled().name(),
                            topics.documentFailed().name()))) {
                java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
                Runnable poll = () -> {
                    tally.poll(Duration.ofMillis(100));
                    answered.set((int) good.keySet().stream()
                            .filter(id -> !tally.of(id).isEmpty())
                            .count());
                };
                ChaosAgent agent = new ChaosAgent(suite, options, faults, answered::get, plan.pick(), out);
                boolean faultsApplied = options.faults() == 0
                        || faults.share(SandboxFaults.TSA, options.faults())
                                & faults.share(SandboxFaults.OCSP, options.faults())
                                & faults.share(simulator(options), options.faults());
                Thread agentThread = new Thread(agent, "chaos-agent");
                agentThread.start();
                submit(suite, options, topics, good, malformed, plan.submitOver(), poll);
                out.printf(
                        "%d documents and %d malformed records sent%s%n",
                        good.size(),
                        malformed.size(),
                        faultsApplied ? "" : " (the sandbox refused the fault profile: no faults)");
                int seen = answered.get();
                long deadline = System.nanoTime() + plan.stall().toNanos();
                // A long run says how far it got once a minute: its operator can tell a slow run
                // from a stalled one without reading thirteen logs.
                long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
                while (answered.get() < good.size() && System.nanoTime() < deadline) {
                    poll.run();
                    if (answered.get() > seen) {
                        seen = answered.get();
                        deadline = System.nanoTime() + plan.stall().toNanos();
                    }
                    if (System.nanoTime() >= nextProgress) {
                        out.printf(
                                "%d of %d documents answered after %d s%n",
                                seen,
                                good.size(),
                                Duration.ofNanos(System.nanoTime() - started).toSeconds());
                        nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
                    }
                }
                agent.stop();
                agentThread.join();
                faults.clear();
                long settle = System.nanoTime() + SETTLE.toNanos();
                while (System.nanoTime() < settle) {
                    tally.poll(Duration.ofMillis(500));
                }
                return report(suite, options, topics, good, malformed, tally, agent, faultsApplied, started);
            }
        }
    }

    private static String simulator(ChaosOptions options) {
        return options.provider().id().toUpperCase(java.util.Locale.ROOT);
    }

    /** The malformed records spread evenly among the good ones. */
    private static void submit(
            ProcessSuite suite,
            ChaosOptions options,
            Topics topics,
            Map<String, Good> good,
            List<Malformed> malformed,
            Duration over,
            Runnable poll) {
        String run = "chaos-" + Long.toString(System.currentTimeMillis(), 36);
        String topic = topics.intake().name();
        MalformedIntake bad = new MalformedIntake(
                topic, Sealer.TENANT, Sealer.signerFor(options.provider()), options.level(), MAX_DOCUMENT_BYTES + 1);
        int total = options.documents() + options.malformed();
        long begun = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                suite.bootstrapServers(),
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                true),
                        new ByteArraySerializer(),
                        new ByteArraySerializer());
                EventSerializer serializer = new EventSerializer()) {
            int sentBad = 0;
            for (int i = 0; i < total; i++) {
                // Paced: outcomes are read (and the agent sees them) while waiting for the next slot.
                long slot = begun + over.toNanos() * i / total;
                while (System.nanoTime() < slot) {
                    poll.run();
                }
                boolean badTurn = sentBad < options.malformed()
                        && (long) (sentBad + 1) * total <= (long) (i + 1) * options.malformed();
                if (badTurn) {
                    Malformed record = bad.next(run, sentBad++);
                    malformed.add(record);
                    producer.send(record.record());
                    continue;
                }
                String reference = run + "-" + (good.size() + 1);
                String fileName = "invoice-" + (good.size() + 1) + ".xml";
                byte[] content =
                        ("<invoice run=\"" + run + "\" number=\"" + (good.size() + 1) + "\"/>").getBytes(UTF_8);
                DocumentSubmitted submitted = new DocumentSubmitted(
                        DocumentSubmitted.SCHEMA_VERSION,
                        Sealer.TENANT,
                        reference,
                        run,
                        fileName,
                        "application/xml",
                        content,
                        Sealer.signerFor(options.provider()),
                        SignatureFormat.ASIC_E_CADES,
                        options.level());
                RecordHeaders headers = new RecordHeaders();
                byte[] value = serializer.serialize(topic, headers, submitted);
                good.put(IntakeAcceptor.documentIdFor(Sealer.TENANT, reference), new Good(fileName, content));
                producer.send(new ProducerRecord<>(topic, null, reference.getBytes(UTF_8), value, headers));
            }
            producer.flush();
        }
    }

    private static ChaosReport report(
            ProcessSuite suite,
            ChaosOptions options,
            Topics topics,
            Map<String, Good> good,
            List<Malformed> malformed,
            OutcomeTally tally,
            ChaosAgent agent,
            boolean faultsApplied,
            long started)
            throws Exception {
        int assembled = 0;
        int missing = 0;
        int duplicates = 0;
        int invalid = 0;
        Map<String, Integer> failed = new HashMap<>();
        ContainerVerdicts verdicts = new ContainerVerdicts(suite.sandbox().trustAnchorPem(), options.level());
        for (Map.Entry<String, Good> document : good.entrySet()) {
            List<Object> outcomes = tally.of(document.getKey());
            duplicates += Math.max(0, outcomes.size() - 1);
            ContainerAssembled container = outcomes.stream()
                    .filter(ContainerAssembled.class::isInstance)
                    .map(ContainerAssembled.class::cast)
                    .findFirst()
                    .orElse(null);
            if (outcomes.isEmpty()) {
                missing++;
            } else if (container != null) {
                assembled++;
                byte[] bytes;
                try (InputStream stored = suite.blobStore().open(container.container())) {
                    bytes = stored.readAllBytes();
                }
                String problem = verdicts.problem(
                        bytes,
                        document.getValue().fileName(),
                        document.getValue().content());
                if (problem != null) {
                    invalid++;
                }
            } else {
                failed.merge(((DocumentFailed) outcomes.get(0)).reason().name(), 1, Integer::sum);
            }
        }
        Map<String, Integer> unanswered = unanswered(suite, topics, malformed, tally);
        RemoteSignatures counted;
        try (DeadLetters reader = new DeadLetters(suite.bootstrapServers())) {
            counted = RemoteSignatures.count(
                    suite.sandbox().signingLog().entries(),
                    reader.read(topics.signingIntents().name()));
        }
        return new ChaosReport(
                good.size(),
                assembled,
                failed,
                missing,
                duplicates,
                invalid,
                counted.signatures(),
                counted.doubles(),
                agent.kills(),
                agent.brokerKills(),
                malformed.size(),
                malformed.size()
                        - unanswered.values().stream()
                                .mapToInt(Integer::intValue)
                                .sum(),
                unanswered,
                faultsApplied,
                options.outage() == null || agent.outageApplied(),
                agent.longestRestartSeconds(),
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * A malformed record is answered by a {@code DocumentFailed} for the id it would have had, a dead
     * letter of the intake with its key and a cause, or an {@code IntakeRejected} naming its reference.
     */
    private static Map<String, Integer> unanswered(
            ProcessSuite suite, Topics topics, List<Malformed> malformed, OutcomeTally tally) {
        Set<String> deadLettered;
        Set<String> rejected;
        try (DeadLetters reader = new DeadLetters(suite.bootstrapServers())) {
            String prefix = DeadLetters.TOPIC_PREFIX + topics.intake().name() + ".";
            deadLettered = reader.topics().stream()
                    .filter(name -> name.startsWith(prefix))
                    .flatMap(name -> reader.read(name).stream())
                    .filter(letter -> letter.header("x-exception-fqcn").isPresent()
                            || letter.header("x-exception-message").isPresent())
                    .filter(letter -> letter.key() != null)
                    .map(letter -> DeadLetter.text(letter.key()))
                    .collect(Collectors.toSet());
            rejected = reader.topics().contains(INTAKE_REJECTED)
                    ? reader.read(INTAKE_REJECTED).stream()
                            .filter(letter -> letter.key() != null)
                            .map(letter -> DeadLetter.text(letter.key()))
                            .collect(Collectors.toSet())
                    : Set.of();
        }
        Map<String, Integer> unanswered = new HashMap<>();
        for (Malformed record : malformed) {
            boolean answered = !tally.of(record.documentId()).isEmpty()
                    || deadLettered.contains(record.clientReference())
                    || rejected.stream().anyMatch(key -> key.endsWith(record.clientReference()));
            if (!answered) {
                unanswered.merge(record.kind().name(), 1, Integer::sum);
            }
        }
        return unanswered;
    }

    /** The gateway's rejections of a reused client reference (issue 16, {@code Topics.intakeRejected()}). */
    private static final String INTAKE_REJECTED = "signing.intake-rejected.v1";
}
