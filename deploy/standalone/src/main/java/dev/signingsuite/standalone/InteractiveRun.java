package dev.signingsuite.standalone;

import dev.signingsuite.events.Lane;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.Topics;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.standalone.Invocation.BenchOptions;
import dev.signingsuite.standalone.Invocation.InteractiveIntake;
import dev.signingsuite.standalone.bench.BenchDocuments;
import dev.signingsuite.standalone.bench.BenchResult;
import dev.signingsuite.standalone.bench.LaneHops;
import dev.signingsuite.standalone.seal.SealReport;
import dev.signingsuite.standalone.seal.Sealer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code bench --interactive-share}: persons' documents while a bulk batch is queued (ADR 16). */
final class InteractiveRun {

    private InteractiveRun() {}

    /**
     * A bulk run of all the documents at once on the Kafka intake and, paced across the time it
     * should take, a person's Smart-ID documents over REST or the interactive intake: their wait from upload to outcome is what
     * the interactive lane (ADR 16) keeps short while the bulk backlog is queued.
     */
    static BenchResult.Interactive underLoad(
            ConfigurableApplicationContext context,
            Sealer sealer,
            BenchOptions options,
            Path work,
            double bulkDocsPerSecond,
            PrintStream out)
            throws Exception {
        Sandbox sandbox = context.getBean(Sandbox.class);
        StandaloneProperties properties = context.getBean(StandaloneProperties.class);
        int persons = Math.max(1, (int) Math.round(options.interactiveShare() * options.documents()));
        double bulkSeconds = options.documents() / Math.max(bulkDocsPerSecond, 0.1);
        // Spread over the first four fifths of the bulk run, so that every one meets a backlog.
        double personsPerSecond = persons / Math.max(bulkSeconds * 0.8, 1);
        out.printf(
                Locale.ROOT,
                "Interactive: %d Smart-ID documents at %.2f/s (%s) during a bulk run of %d%n",
                persons,
                personsPerSecond,
                options.interactiveIntake() == InteractiveIntake.KAFKA ? "interactive Kafka intake" : "REST",
                options.documents());
        BenchDocuments.write(
                work.resolve("bulk"), "BULK", options.documents(), options.documentBytes(), 4, options.format());
        BenchDocuments.write(work.resolve("persons"), "PERSON", persons, options.documentBytes(), 5, options.format());
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<SealReport> bulk = background.submit(() -> sealer.seal(
                    work.resolve("bulk"),
                    work.resolve("suite-bulk"),
                    options.level(),
                    options.provider(),
                    sandbox.trustAnchorPem(),
                    properties.sealTimeout()));
            // The bulk's records first: the persons' documents are to meet its backlog.
            Thread.sleep(Math.min(2_000, (long) (bulkSeconds * 100)));
            Instant personsFrom = Instant.now();
            // As an e-service sends a person's document (REST), or a back office on the interactive
            // intake: not behind the bulk's records on the bulk intake, a queue in write order.
            Sealer personalSealer = options.interactiveIntake() == InteractiveIntake.KAFKA
                    ? sealer.onIntake(Lane.INTERACTIVE)
                    : sealer.overRest(SealCommand.demoTenantUploads(context));
            SealReport personal = personalSealer.seal(
                    work.resolve("persons"),
                    work.resolve("suite-persons"),
                    options.level(),
                    Provider.SMARTID,
                    sandbox.trustAnchorPem(),
                    properties.sealTimeout(),
                    personsPerSecond);
            SealReport bulkReport = bulk.get();
            personal.requireAllSealed("interactive run");
            bulkReport.requireAllSealed("bulk run beside it");
            List<Long> waits = personal.latencyMillis();
            LaneHops hops = LaneHops.measure(
                    context.getBean(KafkaBroker.class).bootstrapServers(),
                    Topics.defaults(),
                    Lane.INTERACTIVE,
                    Provider.SMARTID,
                    personsFrom);
            BenchResult.Interactive interactive = new BenchResult.Interactive(
                    persons,
                    SealReport.percentile(waits, 50),
                    SealReport.percentile(waits, 99),
                    bulkReport.documentsPerSecond(),
                    hops);
            out.printf(
                    Locale.ROOT,
                    "  persons' p50 %d ms, p99 %d ms; bulk meanwhile %.1f documents/s%n",
                    interactive.p50Millis(),
                    interactive.p99Millis(),
                    interactive.bulkDocsPerSecond());
            out.print("  where they spent it, hop by hop (record timestamps):\n" + hops.lines());
            return interactive;
        } finally {
            background.shutdownNow();
        }
    }
}
