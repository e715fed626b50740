package dev.signingsuite.standalone;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.standalone.Invocation.ChaosOptions;
import dev.signingsuite.standalone.Invocation.Command;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The options of {@code chaos}, checked before anything starts. */
final class ChaosArguments {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private ChaosArguments() {}

    static Invocation parse(
            List<String> words,
            Map<String, String> values,
            String level,
            String provider,
            boolean providerGiven,
            List<String> springArgs) {
        if (words.size() != 1) {
            return Invocation.unknown("chaos takes no operands: " + words.get(1));
        }
        if (!values.containsKey("--documents") || !values.containsKey("--json") || !providerGiven) {
            return Invocation.unknown("chaos needs --documents N, --provider P and --json FILE");
        }
        try {
            SignatureLevel signatureLevel = Invocation.level(level);
            Provider signer = Invocation.provider(provider);
            int documents = Invocation.positive(values, "--documents", null);
            Duration killEvery = duration(values.get("--kill-every"), "--kill-every");
            Duration outage = duration(values.get("--outage"), "--outage");
            int brokerKills = count(values.get("--broker-kills"), "--broker-kills");
            int malformed = count(values.get("--malformed"), "--malformed");
            double faults = share(values.get("--faults"));
            return new Invocation(
                    Command.CHAOS,
                    null,
                    springArgs,
                    null,
                    null,
                    true,
                    null,
                    List.of(),
                    new ChaosOptions(
                            documents,
                            signer,
                            signatureLevel,
                            killEvery,
                            brokerKills,
                            faults,
                            outage,
                            malformed,
                            Path.of(values.get("--json"))));
        } catch (IllegalArgumentException e) {
            return Invocation.unknown("chaos: " + e.getMessage());
        }
    }

    /** {@code 30s}, {@code 2m}, {@code 500ms}, {@code 1h} or ISO-8601 ({@code PT2M}); null when absent. */
    static Duration duration(String value, String option) {
        if (value == null) {
            return null;
        }
        Matcher matcher = SHORT_DURATION.matcher(value);
        Duration duration;
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        } else {
            try {
                duration = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        option + " must be a duration such as 30s, 2m or PT2M, not " + value);
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(option + " must be longer than zero, not " + value);
        }
        return duration;
    }

    private static int count(String value, String option) {
        if (value == null) {
            return 0;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a whole number of zero or more, not " + value);
    }

    private static double share(String value) {
        if (value == null) {
            return 0;
        }
        try {
            double share = Double.parseDouble(value);
            if (share >= 0 && share <= 1) {
                return share;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--faults must be a share between 0 and 1, not " + value);
    }
}
