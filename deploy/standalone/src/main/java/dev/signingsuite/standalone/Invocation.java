package dev.signingsuite.standalone;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.standalone.seal.FormatChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line split into our command, its options, and the arguments Spring Boot binds
 * ({@code --standalone.kafka.port=9093}, {@code --debug}). Parsed before any context exists, so
 * {@code --help} or a typo never starts a broker.
 *
 * @param problem what is wrong with the command line, for {@link Command#UNKNOWN}
 * @param seal the seal command's options, for {@link Command#SEAL}
 * @param bench the bench command's options, for {@link Command#BENCH}
 */
record Invocation(
        Command command,
        String problem,
        List<String> springArgs,
        SealOptions seal,
        BenchOptions bench,
        boolean processes,
        String operand,
        List<String> operands,
        ChaosOptions chaos) {

    enum Command {
        RUN,
        SEAL,
        BENCH,
        HELP,
        UNKNOWN,
        /** Internal: one service of the suite in this JVM, a child of {@code --processes}. */
        SERVICE,
        /** Internal: one node of a KRaft cluster in this JVM, a child of {@code --processes}. */
        KAFKA_NODE,
        /** Internal: the S3 server (S3Proxy) of {@code --processes}, a child. */
        S3_SERVER,
        /** {@code dlq list|show|replay}: operands after {@code dlq}; options in springArgs. */
        DLQ,
        CHAOS,
        /** {@code formats --out DIR}: both issue 19 formats through every provider at every level. */
        FORMATS
    }

    Invocation(
            Command command,
            String problem,
            List<String> springArgs,
            SealOptions seal,
            BenchOptions bench,
            boolean processes,
            String operand) {
        this(command, problem, springArgs, seal, bench, processes, operand, List.of(), null);
    }

    Invocation(Command command, String problem, List<String> springArgs, SealOptions seal, BenchOptions bench) {
        this(command, problem, springArgs, seal, bench, false, null);
    }

    /**
     * {@code seal INPUT_DIR --out OUTPUT_DIR [--level B|T|LT|LTA] [--provider csc|eparaksts|smartid]
     * [--format asice-cades|asice-xades|pades|auto] [--one-container]}
     *
     * @param oneContainer every file in one ASiC-E under one signature (one confirmation), through
     *     the gateway's {@code POST /v1/batches container=single}; otherwise one container per file
     * @param format ASiC-E with CAdES (the default) or with XAdES, PAdES, or auto (PDFs in PAdES,
     *     the rest in ASiC-E with XAdES)
     */
    record SealOptions(
            Path inputDir,
            Path outputDir,
            SignatureLevel level,
            Provider provider,
            boolean oneContainer,
            boolean processes,
            FormatChoice format) {

        SealOptions(
                Path inputDir,
                Path outputDir,
                SignatureLevel level,
                Provider provider,
                boolean oneContainer,
                boolean processes,
                SignatureFormat format) {
            this(inputDir, outputDir, level, provider, oneContainer, processes, FormatChoice.of(format));
        }

        SealOptions(
                Path inputDir,
                Path outputDir,
                SignatureLevel level,
                Provider provider,
                boolean oneContainer,
                boolean processes) {
            this(inputDir, outputDir, level, provider, oneContainer, processes, SignatureFormat.ASIC_E_CADES);
        }

        SealOptions(Path inputDir, Path outputDir, SignatureLevel level, Provider provider) {
            this(inputDir, outputDir, level, provider, false, false);
        }

        SealOptions(Path inputDir, Path outputDir, SignatureLevel level, Provider provider, boolean oneContainer) {
            this(inputDir, outputDir, level, provider, oneContainer, false);
        }
    }

    /**
     * {@code bench --documents N [--level LT] [--provider csc|eparaksts] --json FILE [--size BYTES]
     * [--partitions N] [--batch-window MS] [--runs N] [--interactive-share SHARE] [--interactive-intake rest|kafka] [--verbose]}
     *
     * @param runs measured runs of each side, of which the median is reported; 3 by default, as
     *     single runs have differed by a fifth
     * @param verbose also print the busiest threads and the stage each was counted in
     * @param batchWindow how long a batching provider waits for more documents; null: its default
     * @param partitions partitions of the suite's topics; null: the standalone default
     * @param interactiveShare Smart-ID documents, as a share of {@code documents}, sealed while a
     *     bulk run of {@code documents} is under way, to measure a person's wait under bulk load; 0:
     *     not measured
     * @param interactiveIntake how those documents are sent ({@code --interactive-intake rest|kafka})
     */
    record BenchOptions(
            int documents,
            SignatureLevel level,
            Provider provider,
            Path json,
            int documentBytes,
            Integer partitions,
            Integer batchWindowMillis,
            int runs,
            boolean verbose,
            double interactiveShare,
            InteractiveIntake interactiveIntake,
            SignatureFormat format) {}

    /**
     * How {@code bench --interactive-share} sends the persons' documents: over REST, as an e-service
     * does, or on the interactive Kafka intake, as a back office does (ADR 16).
     */
    enum InteractiveIntake {
        REST,
        KAFKA
    }

    /**
     * {@code chaos --documents N --provider P --level L [--kill-every D] [--broker-kills K]
     * [--faults SHARE] [--outage D] [--malformed M] --json FILE}
     *
     * @param killEvery null: no service is killed
     * @param outage null: no TSA/OCSP outage
     */
    record ChaosOptions(
            int documents,
            Provider provider,
            SignatureLevel level,
            Duration killEvery,
            int brokerKills,
            double faults,
            Duration outage,
            int malformed,
            Path json) {}

    Invocation {
        springArgs = List.copyOf(springArgs);
        operands = List.copyOf(operands);
    }

    static Invocation parse(String... args) {
        List<String> words = new ArrayList<>();
        List<String> springArgs = new ArrayList<>();
        String out = null;
        String level = "LT";
        String provider = "csc";
        String format = null;
        boolean oneContainer = false;
        boolean processes = false;
        boolean verbose = false;
        boolean providerGiven = false;
        String cscProfile = null;
        Map<String, String> benchValues = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return new Invocation(Command.HELP, null, List.of(), null, null);
                }
                case "--csc-profile" -> {
                    if (i + 1 >= args.length) {
                        return unknown(arg + " needs a value");
                    }
                    cscProfile = args[++i].toLowerCase(Locale.ROOT);
                }
                case "--out", "--level", "--provider", "--format" -> {
                    if (i + 1 >= args.length) {
                        return unknown(arg + " needs a value");
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--out" -> out = value;
                        case "--level" -> level = value;
                        case "--format" -> format = value;
                        default -> {
                            provider = value;
                            providerGiven = true;
                        }
                    }
                }
                case "--one-container" -> oneContainer = true;
                case "--processes" -> processes = true;
                case "--verbose" -> verbose = true;
                case "--documents",
                        "--json",
                        "--size",
                        "--partitions",
                        "--batch-window",
                        "--runs",
                        "--interactive-share",
                        "--interactive-intake",
                        "--kill-every",
                        "--broker-kills",
                        "--faults",
                        "--outage",
                        "--malformed" -> {
                    if (i + 1 >= args.length) {
                        return unknown(arg + " needs a value");
                    }
                    benchValues.put(arg, args[++i]);
                }
                default -> (arg.startsWith("-") ? springArgs : words).add(arg);
            }
        }
        String command = words.isEmpty() ? "run" : words.get(0);
        if (cscProfile != null) {
            String problem = cscProfileProblem(command, cscProfile, provider);
            if (problem != null) {
                return unknown(problem);
            }
            // First, so that an explicit --standalone... setting later on the line still wins.
            springArgs.addAll(0, cscProfileArgs(cscProfile));
        }
        if (processes && !command.equals("run") && !command.equals("seal")) {
            return unknown("--processes is an option of run and seal");
        }
        if (verbose && !command.equals("bench")) {
            return unknown("--verbose is an option of bench");
        }
        if (format != null && !command.equals("seal") && !command.equals("bench")) {
            return unknown("--format is an option of seal and bench");
        }
        return switch (command) {
            case "help" -> new Invocation(Command.HELP, null, List.of(), null, null);
            case "run" -> run(words, processes, providerGiven ? provider : null, springArgs);
            case "seal" ->
                SealArguments.parse(words, out, level, provider, format, oneContainer, processes, springArgs);
            case "service" ->
                words.size() != 2
                        ? unknown("service takes exactly one service name")
                        : new Invocation(Command.SERVICE, null, springArgs, null, null, false, words.get(1));
            case "kafka-node" -> new Invocation(Command.KAFKA_NODE, null, springArgs, null, null, false, null);
            case "s3-server" -> new Invocation(Command.S3_SERVER, null, springArgs, null, null, false, null);
            case "bench" ->
                oneContainer
                        ? unknown("--one-container is an option of seal")
                        : BenchArguments.parse(words, benchValues, level, provider, format, verbose, springArgs);
            case "dlq" ->
                new Invocation(
                        Command.DLQ, null, springArgs, null, null, false, null, words.subList(1, words.size()), null);
            case "formats" ->
                words.size() != 1 || out == null
                        ? unknown("formats takes no operands and needs --out OUTPUT_DIR")
                        : new Invocation(
                                Command.FORMATS,
                                null,
                                springArgs,
                                new SealOptions(
                                        Path.of(out).resolve("in"), Path.of(out), SignatureLevel.LT, Provider.CSC),
                                null);
            case "chaos" -> ChaosArguments.parse(words, benchValues, level, provider, providerGiven, springArgs);
            default -> unknown("unknown command: " + command);
        };
    }

    /** {@code run [--processes [--provider csc|eparaksts|smartid]]}; operand: the provider, or null for all. */
    private static Invocation run(List<String> words, boolean processes, String provider, List<String> springArgs) {
        if (words.size() > 1) {
            return unknown("run takes no operands: " + words.get(1));
        }
        if (provider != null && !processes) {
            return unknown("--provider is an option of run --processes");
        }
        if (provider != null) {
            try {
                provider = provider(provider).id();
            } catch (IllegalArgumentException e) {
                return unknown(e.getMessage());
            }
        }
        return new Invocation(Command.RUN, null, springArgs, null, null, processes, provider);
    }

    /**
     * The CSC service profiles of provider-csc ({@code signing.csc.profile}) and of the sandbox's
     * simulator ({@code CscProfile}), which name the same services.
     */
    static final List<String> CSC_PROFILES = List.of("generic", "lvrtc", "sign8", "eudi-reference");

    private static String cscProfileProblem(String command, String profile, String provider) {
        if (!List.of("run", "seal", "bench", "chaos").contains(command)) {
            return "--csc-profile is an option of run, seal, bench and chaos";
        }
        if (!CSC_PROFILES.contains(profile)) {
            return "--csc-profile must be one of " + String.join(", ", CSC_PROFILES) + ", not " + profile;
        }
        if (!provider.equalsIgnoreCase("csc")) {
            return "--csc-profile needs --provider csc, not " + provider;
        }
        return null;
    }

    /** The simulator and provider-csc both pose as the service: one without the other fails at the first call. */
    static List<String> cscProfileArgs(String profile) {
        return List.of(
                "--standalone.sandbox.csc-profile=" + profile,
                "--standalone.services.properties[signing.csc.profile]=" + profile);
    }

    /** The {@code --level} value, or an {@link IllegalArgumentException} saying what is allowed. */
    static SignatureLevel level(String level) {
        try {
            return SignatureLevel.valueOf(level.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--level must be one of B, T, LT, LTA, not " + level);
        }
    }

    /** The {@code --provider} value, or an {@link IllegalArgumentException} saying what is allowed. */
    static Provider provider(String provider) {
        Provider named;
        try {
            named = Provider.fromId(provider.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--provider must be one of " + PROVIDERS + ", not " + provider);
        }
        if (!STANDALONE_PROVIDERS.contains(named)) {
            // Its documents would wait for a consumer that is not there until the seal's timeout.
            throw new IllegalArgumentException("--provider " + named.id()
                    + " does not run in the standalone yet: run its service on your cluster (its README)");
        }
        return named;
    }

    /** The providers this jar runs as services: all of them. */
    static final Set<Provider> STANDALONE_PROVIDERS = EnumSet.allOf(Provider.class);

    private static final String PROVIDERS = String.join(
            ", ", STANDALONE_PROVIDERS.stream().map(Provider::id).sorted().toList());

    static int positive(Map<String, String> values, String option, Integer fallback) {
        String value = values.get(option);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a positive whole number, not " + value);
    }

    static Invocation unknown(String problem) {
        return new Invocation(Command.UNKNOWN, problem, List.of(), null, null);
    }

    String[] springArgsArray() {
        return springArgs.toArray(String[]::new);
    }
}
