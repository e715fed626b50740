package dev.signingsuite.standalone;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each process of a {@link ProcessSuite} did, read while it still runs: the documents its
 * stage counted ({@code signing.documents} on its own {@code /actuator/prometheus}), the CPU time
 * the OS charged it, and its resident memory. Per stage, CPU per document is what sizing needs.
 */
record ProcessReport(List<Row> rows) {

    private static final Pattern DOCUMENTS =
            Pattern.compile("^signing_documents_total\\{(.*)}\\s+([0-9.eE+]+)$", Pattern.MULTILINE);
    private static final Pattern STAGE = Pattern.compile("stage=\"([^\"]*)\"");

    /** @param documents null for a Kafka node, which counts none */
    record Row(String service, int instance, long pid, Long documents, long cpuMillis, OptionalLong rssBytes) {}

    ProcessReport {
        rows = List.copyOf(rows);
    }

    /**
     * @param cpuAtReady each process's CPU milliseconds when the layout was ready, by pid
     * @param postgres the PostgreSQL server's process
     */
    static ProcessReport collect(List<ChildProcess> processes, Map<Long, Long> cpuAtReady, ProcessHandle postgres) {
        List<Row> rows = new java.util.ArrayList<>(processes.stream()
                .map(p -> new Row(
                        p.name(),
                        p.instance(),
                        p.pid(),
                        p.name().equals("kafka") || p.name().equals(LayoutStorage.S3_PROCESS)
                                ? null
                                : documents(p.prometheus()),
                        p.cpu().toMillis() - cpuAtReady.getOrDefault(p.pid(), 0L),
                        p.rssBytes()))
                .toList());
        if (postgres != null) {
            rows.add(new Row(
                    POSTGRES,
                    1,
                    postgres.pid(),
                    null,
                    postgresCpuMillis(postgres) - cpuAtReady.getOrDefault(postgres.pid(), 0L),
                    ChildProcess.rssBytes(postgres.pid())));
        }
        return new ProcessReport(rows);
    }

    static final String POSTGRES = "postgresql";

    /** The postmaster and its children: a backend per connection, the writer, the WAL writer. */
    static long postgresCpuMillis(ProcessHandle postmaster) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(postmaster), postmaster.descendants())
                .mapToLong(
                        p -> p.info().totalCpuDuration().map(d -> d.toMillis()).orElse(0L))
                .sum();
    }

    /**
     * The documents of the busiest stage the process reports: a provider counts its signing and, for
     * Smart-ID, its poller; each document passes both, so the larger count is the documents handled.
     */
    static long documents(String prometheus) {
        Map<String, Double> perStage = new LinkedHashMap<>();
        Matcher line = DOCUMENTS.matcher(prometheus);
        while (line.find()) {
            Matcher stage = STAGE.matcher(line.group(1));
            String name = stage.find() ? stage.group(1) : "";
            perStage.merge(name, Double.parseDouble(line.group(2)), Double::sum);
        }
        return Math.round(perStage.values().stream().mapToDouble(d -> d).max().orElse(0));
    }

    /** Service instances that handled nothing: with enough partitions, there should be none. */
    List<Row> idle() {
        return rows.stream()
                .filter(r -> r.documents() != null && r.documents() == 0)
                .toList();
    }

    long totalRssBytes() {
        return rows.stream().mapToLong(r -> r.rssBytes().orElse(0)).sum();
    }

    void print(PrintStream out) {
        out.printf("%nProcesses (%d):%n", rows.size());
        for (Row row : rows) {
            out.printf(
                    Locale.ROOT,
                    "  %-22s instance %d  pid %-7d documents %-6s cpu %7d ms  rss %s%n",
                    row.service(),
                    row.instance(),
                    row.pid(),
                    row.documents() == null ? "-" : row.documents().toString(),
                    row.cpuMillis(),
                    row.rssBytes().isPresent() ? mib(row.rssBytes().getAsLong()) + " MiB" : "?");
        }
        out.printf(Locale.ROOT, "  total rss %d MiB%n", mib(totalRssBytes()));
        out.printf("%nCapacity (CPU time each process used after start-up, per document it handled):%n");
        out.println("| stage | instances | documents | CPU ms | CPU ms per document | RSS MiB per instance |");
        out.println("| --- | --- | --- | --- | --- | --- |");
        Map<String, List<Row>> byService = new LinkedHashMap<>();
        rows.forEach(r -> byService
                .computeIfAbsent(r.service(), k -> new java.util.ArrayList<>())
                .add(r));
        // Infrastructure handles every document the gateway took in.
        long intake = byService.getOrDefault("gateway", List.of()).stream()
                .mapToLong(r -> r.documents() == null ? 0 : r.documents())
                .sum();
        byService.forEach((service, list) -> {
            long cpu = list.stream().mapToLong(Row::cpuMillis).sum();
            boolean infrastructure = list.get(0).documents() == null;
            long documents = infrastructure
                    ? intake
                    : list.stream()
                            .mapToLong(r -> r.documents() == null ? 0 : r.documents())
                            .sum();
            long rss = list.stream().mapToLong(r -> r.rssBytes().orElse(0)).sum() / list.size();
            out.printf(
                    Locale.ROOT,
                    "| %s | %d | %s | %d | %s | %d |%n",
                    service,
                    list.size(),
                    infrastructure ? "(" + documents + ")" : Long.toString(documents),
                    cpu,
                    documents == 0 ? "-" : String.format(Locale.ROOT, "%.1f", (double) cpu / documents),
                    mib(rss));
        });
        idle().forEach(r -> out.printf("  IDLE %s instance %d handled no document%n", r.service(), r.instance()));
        out.flush();
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
