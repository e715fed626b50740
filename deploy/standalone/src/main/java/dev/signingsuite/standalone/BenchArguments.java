package dev.signingsuite.standalone;

import dev.signingsuite.events.Lane;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.standalone.Invocation.BenchOptions;
import dev.signingsuite.standalone.Invocation.Command;
import dev.signingsuite.standalone.Invocation.InteractiveIntake;
import dev.signingsuite.standalone.seal.FormatChoice;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The options of {@code bench}, checked before anything starts. */
final class BenchArguments {

    private BenchArguments() {}

    private static double share(String value) {
        if (value == null) {
            return 0;
        }
        try {
            double share = Double.parseDouble(value);
            if (share > 0 && share <= 1) {
                return share;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--interactive-share must be a share above 0 and at most 1, not " + value);
    }

    private static InteractiveIntake interactiveIntake(String value) {
        if (value == null || value.equals("rest")) {
            return InteractiveIntake.REST;
        }
        if (value.equals("kafka")) {
            return InteractiveIntake.KAFKA;
        }
        throw new IllegalArgumentException("--interactive-intake is rest or kafka, not " + value);
    }

    // One format for every document: the baseline loop does the same format, so "auto" has no baseline.
    private static SignatureFormat format(String word) {
        FormatChoice choice = FormatChoice.parse(word);
        if (choice.auto()) {
            throw new IllegalArgumentException("bench --format is asice-cades, asice-xades or pades, not auto");
        }
        return choice.fixed();
    }

    static Invocation parse(
            List<String> words,
            Map<String, String> values,
            String level,
            String provider,
            String format,
            boolean verbose,
            List<String> springArgs) {
        if (words.size() != 1) {
            return Invocation.unknown("bench takes no operands: " + words.get(1));
        }
        if (!values.containsKey("--documents") || !values.containsKey("--json")) {
            return Invocation.unknown("bench needs --documents N and --json FILE");
        }
        try {
            Provider signer = Invocation.provider(provider);
            if (signer.lane() == Lane.INTERACTIVE) {
                return Invocation.unknown("bench measures unattended sealing: --provider csc or eparaksts");
            }
            Integer partitions =
                    values.containsKey("--partitions") ? Invocation.positive(values, "--partitions", null) : null;
            Integer window =
                    values.containsKey("--batch-window") ? Invocation.positive(values, "--batch-window", null) : null;
            BenchOptions options = new BenchOptions(
                    Invocation.positive(values, "--documents", null),
                    Invocation.level(level),
                    signer,
                    Path.of(values.get("--json")),
                    Invocation.positive(values, "--size", 20_000),
                    partitions,
                    window,
                    Invocation.positive(values, "--runs", 3),
                    verbose,
                    share(values.get("--interactive-share")),
                    interactiveIntake(values.get("--interactive-intake")),
                    format(format));
            return new Invocation(Command.BENCH, null, springArgs, null, options);
        } catch (IllegalArgumentException e) {
            return Invocation.unknown(e.getMessage());
        }
    }
}
