package dev.signingsuite.standalone;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureLevel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line split into our command, its options, and the arguments Spring Boot binds
 * ({@code --standalone.kafka.port=9093}, {@code --debug}). Parsed before any context exists, so
 * {@code --help} or a typo never starts a broker.
 *
 * @param problem what is wrong with the command line, for {@link Command#UNKNOWN}
 * @param seal the seal command's options, for {@link Command#SEAL}
 */
record Invocation(Command command, String problem, List<String> springArgs, SealOptions seal) {

    enum Command {
        RUN,
        SEAL,
        HELP,
        UNKNOWN
    }

    /** {@code seal INPUT_DIR --out OUTPUT_DIR [--level B|T|LT|LTA] [--provider csc|eparaksts|smartid]} */
    record SealOptions(Path inputDir, Path outputDir, SignatureLevel level, Provider provider) {}

    Invocation {
        springArgs = List.copyOf(springArgs);
    }

    static Invocation parse(String... args) {
        List<String> words = new ArrayList<>();
        List<String> springArgs = new ArrayList<>();
        String out = null;
        String level = "LT";
        String provider = "csc";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return new Invocation(Command.HELP, null, List.of(), null);
                }
                case "--out", "--level", "--provider" -> {
                    if (i + 1 >= args.length) {
                        return unknown(arg + " needs a value");
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--out" -> out = value;
                        case "--level" -> level = value;
                        default -> provider = value;
                    }
                }
                default -> (arg.startsWith("-") ? springArgs : words).add(arg);
            }
        }
        String command = words.isEmpty() ? "run" : words.get(0);
        return switch (command) {
            case "help" -> new Invocation(Command.HELP, null, List.of(), null);
            case "run" ->
                words.size() > 1
                        ? unknown("run takes no operands: " + words.get(1))
                        : new Invocation(Command.RUN, null, springArgs, null);
            case "seal" -> seal(words, out, level, provider, springArgs);
            default -> unknown("unknown command: " + command);
        };
    }

    private static Invocation seal(
            List<String> words, String out, String level, String provider, List<String> springArgs) {
        if (words.size() != 2) {
            return unknown("seal takes exactly one INPUT_DIR");
        }
        if (out == null) {
            return unknown("seal needs --out OUTPUT_DIR");
        }
        SignatureLevel signatureLevel;
        try {
            signatureLevel = SignatureLevel.valueOf(level.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return unknown("--level must be one of B, T, LT, LTA, not " + level);
        }
        Provider signer;
        try {
            signer = Provider.fromId(provider.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return unknown("--provider must be one of csc, eparaksts, smartid, not " + provider);
        }
        return new Invocation(
                Command.SEAL,
                null,
                springArgs,
                new SealOptions(Path.of(words.get(1)), Path.of(out), signatureLevel, signer));
    }

    private static Invocation unknown(String problem) {
        return new Invocation(Command.UNKNOWN, problem, List.of(), null);
    }

    String[] springArgsArray() {
        return springArgs.toArray(String[]::new);
    }
}
