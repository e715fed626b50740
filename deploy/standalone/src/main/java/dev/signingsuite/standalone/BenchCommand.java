package dev.signingsuite.standalone;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.Topics;
import dev.signingsuite.gateway.config.GatewayProperties;
import dev.signingsuite.messaging.SigningMeters;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.standalone.Invocation.BenchOptions;
import dev.signingsuite.standalone.bench.BaselineBench;
import dev.signingsuite.standalone.bench.BaselineLoop;
import dev.signingsuite.standalone.bench.BenchDocuments;
import dev.signingsuite.standalone.bench.BenchResult;
import dev.signingsuite.standalone.bench.BenchResult.StageTime;
import dev.signingsuite.standalone.bench.CpuMeter;
import dev.signingsuite.standalone.bench.CpuUsage;
import dev.signingsuite.standalone.bench.LaneHops;
import dev.signingsuite.standalone.bench.PeakMemory;
import dev.signingsuite.standalone.database.EmbeddedDatabase;
import dev.signingsuite.standalone.seal.KafkaSealClients;
import dev.signingsuite.standalone.seal.SealReport;
import dev.signingsuite.standalone.seal.Sealer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bench}: the baseline loop and the suite on the same documents and level, one after the
 * other in this process, each after a warm-up of its own and three times (by default); then the
 * medians, their ratio, the CPU each side spent per document (the sandbox's left out: it stands for remote
 * services), the suite's by stage, and the stages' own timers.
 */
final class BenchCommand {

    /** Documents each side seals before measuring, so neither pays for class loading and JIT alone. */
    static final int WARM_UP = 20;

    private BenchCommand() {}

    /** Spring arguments a bench run needs on top of the seal defaults. */
    static void addSpringArgs(List<String> springArgs, BenchOptions options) {
        if (options.partitions() != null) {
            springArgs.add("--standalone.kafka.partitions=" + options.partitions());
        }
        if (options.batchWindowMillis() != null) {
            // How long a batching provider's poll waits for more documents (see provider-csc.yml).
            springArgs.add("--standalone.services.properties[spring.cloud.stream.kafka.bindings.hashComputed-in-0"
                    + ".consumer.configuration.fetch.max.wait.ms]=" + options.batchWindowMillis());
        }
    }

    static BenchResult run(ConfigurableApplicationContext context, BenchOptions options, PrintStream out)
            throws Exception {
        Sandbox sandbox = context.getBean(Sandbox.class);
        StandaloneProperties properties = context.getBean(StandaloneProperties.class);
        Path work = Files.createTempDirectory(properties.dataDir().toAbsolutePath(), "bench-");
        List<Path> warmUp = BenchDocuments.write(
                work.resolve("warm-up"), "WARM", WARM_UP, options.documentBytes(), 1, options.format());
        List<Path> documents = BenchDocuments.write(
                work.resolve("documents"), "BENCH", options.documents(), options.documentBytes(), 2, options.format());
        LongSupplier databaseCpu = databaseCpuNanos(context);

        out.printf(
                "Baseline: DSS loop, %d documents in %s at %s, %d runs after a trial of thread counts%n",
                documents.size(), options.format(), options.level(), options.runs());
        BenchResult.Baseline baseline = BaselineBench.measure(
                new BaselineLoop(sandbox, options.format(), options.level()),
                warmUp,
                documents,
                work,
                options.runs(),
                databaseCpu,
                out,
                options.verbose());

        out.printf(
                "Suite: every service through the broker, provider %s, %d runs%n",
                options.provider().id(), options.runs());
        Sealer sealer = sealer(context, properties, options.format());
        SealReport warm = sealer.seal(
                work.resolve("warm-up"),
                work.resolve("suite-warm-up"),
                options.level(),
                options.provider(),
                sandbox.trustAnchorPem(),
                properties.sealTimeout());
        warm.requireAllSealed("warm-up");
        boolean peakOfSuiteRuns = PeakMemory.reset();
        List<SuiteRun> runs = new ArrayList<>();
        for (int run = 1; run <= options.runs(); run++) {
            Map<String, StageTime> before = stageTimes(context);
            Path output = work.resolve("suite-out-" + run);
            CpuMeter meter = CpuMeter.start(databaseCpu);
            SealReport report = sealer.seal(
                    work.resolve("documents"),
                    output,
                    options.level(),
                    options.provider(),
                    sandbox.trustAnchorPem(),
                    properties.sealTimeout());
            CpuUsage cpu = meter.stop();
            report.requireAllSealed("measured run " + run);
            SuiteRun measured = new SuiteRun(
                    report.documentsPerSecond(), cpu, difference(stageTimes(context), before), report.latencyMillis());
            runs.add(measured);
            out.printf(
                    Locale.ROOT,
                    "  run %d: %.1f documents/s, %.1f ms CPU per document%n",
                    run,
                    measured.docsPerSecond(),
                    measured.cpuMsPerDoc(documents.size()));
            if (options.verbose() && run == 1) {
                cpu.printBusiestThreads(out);
            }
            BaselineBench.deleteTree(output);
        }
        OptionalLong peak = PeakMemory.peakBytes();
        SuiteRun median = runs.stream()
                .sorted(Comparator.comparingDouble(SuiteRun::docsPerSecond))
                .toList()
                .get(runs.size() / 2);
        List<Long> burst = median.latencies();

        // Latency is judged at half the throughput just measured, documents submitted at that pace.
        double halfLoad =
                BenchResult.median(runs.stream().map(SuiteRun::docsPerSecond).toList()) / 2;
        out.printf("Suite at half load: %.1f documents/s, paced, once%n", halfLoad);
        BenchDocuments.write(
                work.resolve("half-load"), "HALF", options.documents(), options.documentBytes(), 3, options.format());
        Instant pacedFrom = Instant.now();
        SealReport paced = sealer.seal(
                work.resolve("half-load"),
                work.resolve("suite-half-load"),
                options.level(),
                options.provider(),
                sandbox.trustAnchorPem(),
                properties.sealTimeout(),
                halfLoad);
        paced.requireAllSealed("half-load run");
        List<Long> latencies = paced.latencyMillis();
        // Where the half load's latency goes (the goal is its p99), from the records' own timestamps.
        LaneHops pacedHops = LaneHops.measure(
                context.getBean(KafkaBroker.class).bootstrapServers(),
                Topics.defaults(),
                options.provider().lane(),
                options.provider(),
                pacedFrom);
        out.print("  where they spent it, hop by hop (record timestamps):\n" + pacedHops.lines());
        BenchResult.Interactive interactive = options.interactiveShare() > 0
                ? InteractiveRun.underLoad(context, sealer, options, work, median.docsPerSecond(), out)
                : null;
        BenchResult result = new BenchResult(
                documents.size(),
                options.documentBytes(),
                options.level().name(),
                options.format().name(),
                options.provider().id(),
                properties.kafka().partitions(),
                baseline,
                new BenchResult.Suite(
                        runs.stream().map(SuiteRun::docsPerSecond).toList(),
                        runs.stream().map(r -> r.cpuMsPerDoc(documents.size())).toList(),
                        SuiteRun.stageCpuMsPerDoc(runs, documents.size()),
                        peak,
                        peakOfSuiteRuns,
                        SealReport.percentile(burst, 50),
                        SealReport.percentile(burst, 95),
                        SealReport.percentile(burst, 99)),
                halfLoad,
                SealReport.percentile(latencies, 50),
                SealReport.percentile(latencies, 95),
                SealReport.percentile(latencies, 99),
                median.stages(),
                interactive,
                pacedHops);
        out.println();
        out.print(result.markdown());
        Path json = options.json().toAbsolutePath();
        if (json.getParent() != null) {
            Files.createDirectories(json.getParent());
        }
        Files.writeString(json, result.json());
        out.printf("%nJSON written to %s%n", json);
        return result;
    }

    /**
     * The database server's CPU (postmaster and backends), a process of its own that does the
     * gateway's work; zero when this suite runs none.
     */
    private static LongSupplier databaseCpuNanos(ConfigurableApplicationContext context) {
        EmbeddedDatabase database =
                context.getBeanProvider(EmbeddedDatabase.class).getIfAvailable();
        if (database == null) {
            return () -> 0;
        }
        return () -> postmaster(database)
                .map(p -> ProcessReport.postgresCpuMillis(p) * 1_000_000)
                .orElse(0L);
    }

    private static java.util.Optional<ProcessHandle> postmaster(EmbeddedDatabase database) {
        try {
            String pid = Files.readAllLines(database.dataDirectory().resolve("postmaster.pid"))
                    .get(0)
                    .strip();
            return ProcessHandle.of(Long.parseLong(pid));
        } catch (java.io.IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static Sealer sealer(
            ConfigurableApplicationContext context,
            StandaloneProperties properties,
            dev.signingsuite.events.SignatureFormat format)
            throws java.io.IOException {
        KafkaBroker broker = context.getBean(KafkaBroker.class);
        GatewayProperties gateway =
                context.getBean(SuiteServices.class).context("gateway").getBean(GatewayProperties.class);
        // The progress bar would interleave with the tables; the bench prints its own lines.
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        return new Sealer(
                new KafkaSealClients(
                        broker.bootstrapServers(), properties.kafka().partitions(), BrokerConfig.MAX_MESSAGE_BYTES),
                context.getBean(SuiteServices.class).context("gateway").getBean(BlobStore.class),
                Topics.defaults(),
                gateway.maxDocumentSize().toBytes(),
                quiet,
                dev.signingsuite.standalone.seal.FormatChoice.of(format));
    }

    /** Every service's {@code signing.stage.duration} timers, by stage: count and total time. */
    private static Map<String, StageTime> stageTimes(ConfigurableApplicationContext context) {
        Map<String, StageTime> totals = new TreeMap<>();
        for (SuiteServices.Running service :
                context.getBean(SuiteServices.class).running()) {
            MeterRegistry meters = service.context().getBean(MeterRegistry.class);
            for (Timer timer : meters.find(SigningMeters.STAGE_DURATION).timers()) {
                String stage = timer.getId().getTag("stage");
                // Total milliseconds in meanMillis until difference() divides.
                totals.merge(
                        stage == null ? service.name() : stage,
                        new StageTime(timer.count(), timer.totalTime(TimeUnit.MILLISECONDS)),
                        (a, b) -> new StageTime(a.count() + b.count(), a.meanMillis() + b.meanMillis()));
            }
        }
        return totals;
    }

    private static Map<String, StageTime> difference(Map<String, StageTime> after, Map<String, StageTime> before) {
        Map<String, StageTime> stages = new TreeMap<>();
        after.forEach((stage, total) -> {
            StageTime earlier = before.getOrDefault(stage, new StageTime(0, 0));
            long count = total.count() - earlier.count();
            double millis = total.meanMillis() - earlier.meanMillis();
            stages.put(stage, new StageTime(count, count == 0 ? 0 : millis / count));
        });
        return stages;
    }
}
