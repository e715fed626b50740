package dev.signingsuite.standalone;

import dev.signingsuite.standalone.dlq.DeadLetter;
import dev.signingsuite.standalone.dlq.DeadLetters;
import dev.signingsuite.standalone.dlq.RecordRef;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;

/**
 * {@code dlq list|show|replay}: an operator's view of the dead-letter topics of any cluster, and the
 * replay of chosen records after a fix. Needs no suite of its own, only a bootstrap address.
 */
final class DlqCommand {

    /** The standalone suite's default broker (standalone.kafka.port). */
    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    static final int EXIT_NOT_FOUND = 1;

    private DlqCommand() {}

    /**
     * @param operands after {@code dlq}: the action and its operands
     * @param options {@code --kafka.bootstrap-servers=HOST:PORT}, {@code --all}
     */
    static int run(List<String> operands, List<String> options, PrintStream out, PrintStream err) {
        String bootstrap = DEFAULT_BOOTSTRAP;
        boolean all = false;
        for (String option : options) {
            if (option.startsWith("--kafka.bootstrap-servers=")) {
                bootstrap = option.substring(option.indexOf('=') + 1);
            } else if (option.equals("--all")) {
                all = true;
            } else {
                err.println("dlq: unknown option " + option);
                return StandaloneApplication.EXIT_USAGE;
            }
        }
        String action = operands.isEmpty() ? "" : operands.get(0);
        List<String> rest = operands.subList(Math.min(1, operands.size()), operands.size());
        try (DeadLetters letters = new DeadLetters(bootstrap)) {
            return switch (action) {
                case "list" -> list(letters, rest, out);
                case "show" ->
                    rest.size() != 1
                            ? usage(err, "dlq show takes one TOPIC:PARTITION:OFFSET")
                            : show(letters, RecordRef.parse(rest.get(0)), out, err);
                case "replay" ->
                    rest.isEmpty()
                            ? usage(err, "dlq replay takes TOPIC:PARTITION:OFFSET... or --all TOPIC")
                            : replay(letters, rest, all, out, err);
                default -> usage(err, "dlq needs list, show or replay");
            };
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (RuntimeException e) {
            err.println("dlq: " + StandaloneApplication.innermostMessage(e));
            return StandaloneApplication.EXIT_STARTUP_FAILED;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("dlq: " + problem);
        return StandaloneApplication.EXIT_USAGE;
    }

    /** Every dead-letter topic (or those named), its count, and one line per record. */
    private static int list(DeadLetters letters, List<String> topics, PrintStream out) {
        List<String> chosen = topics.isEmpty() ? letters.topics() : topics;
        if (chosen.isEmpty()) {
            out.println("No dead-letter topics.");
        }
        for (String topic : chosen) {
            List<DeadLetter> records = letters.read(topic);
            out.printf("%s: %d record%s%n", topic, records.size(), records.size() == 1 ? "" : "s");
            for (DeadLetter letter : records) {
                out.printf(
                        "  %s  document %s  from %s  at %s%n    cause %s%n",
                        letter.ref(),
                        letter.documentId(),
                        letter.original()
                                .map(RecordRef::toString)
                                .orElse(letter.originalTopic().orElse("?")),
                        letter.timestamp(),
                        letter.cause());
            }
        }
        return 0;
    }

    private static int show(DeadLetters letters, RecordRef ref, PrintStream out, PrintStream err) {
        Optional<DeadLetter> found = letters.read(ref);
        if (found.isEmpty()) {
            err.println("dlq: no record " + ref);
            return EXIT_NOT_FOUND;
        }
        DeadLetter letter = found.get();
        out.printf("%s  at %s%n", letter.ref(), letter.timestamp());
        out.printf("key: %s%n", letter.key() == null ? "(none)" : DeadLetter.text(letter.key()));
        out.println("headers:");
        for (Header header : letter.headers()) {
            out.printf("  %s: %s%n", header.key(), DeadLetter.display(header));
        }
        out.printf("payload (%d bytes):%n", letter.value() == null ? 0 : letter.value().length);
        out.println(letter.value() == null ? "(null)" : DeadLetter.text(letter.value()));
        return 0;
    }

    /** Each named record, or with --all every record of the named topics; exit 1 if one is missing. */
    private static int replay(
            DeadLetters letters, List<String> operands, boolean all, PrintStream out, PrintStream err) {
        List<DeadLetter> chosen = new ArrayList<>();
        int status = 0;
        for (String operand : operands) {
            if (all) {
                chosen.addAll(letters.read(operand));
                continue;
            }
            RecordRef ref = RecordRef.parse(operand);
            Optional<DeadLetter> found = letters.read(ref);
            if (found.isPresent()) {
                chosen.add(found.get());
            } else {
                err.println("dlq: no record " + ref);
                status = EXIT_NOT_FOUND;
            }
        }
        for (DeadLetter letter : chosen) {
            DeadLetters.Replay replay = letters.replay(letter);
            out.printf(
                    replay.sent()
                            ? "%s replayed to %s (document %s)%n"
                            : "%s was replayed before, to %s (document %s): not sent again%n",
                    replay.from(),
                    replay.to(),
                    letter.documentId());
        }
        return status;
    }
}
