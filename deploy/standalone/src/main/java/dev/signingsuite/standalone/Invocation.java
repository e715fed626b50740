package dev.signingsuite.standalone;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line split into our command and the arguments Spring Boot binds ({@code
 * --standalone.kafka.port=9093}, {@code --debug}). Parsed before any context exists, so {@code
 * --help} never starts a broker.
 */
record Invocation(Command command, String word, List<String> springArgs) {

    enum Command {
        RUN,
        HELP,
        UNKNOWN
    }

    Invocation {
        springArgs = List.copyOf(springArgs);
    }

    static Invocation parse(String... args) {
        List<String> words = new ArrayList<>();
        List<String> springArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Invocation(Command.HELP, arg, List.of());
            }
            (arg.startsWith("-") ? springArgs : words).add(arg);
        }
        if (words.isEmpty()) {
            return new Invocation(Command.RUN, "run", springArgs);
        }
        String command = words.get(0);
        if (command.equals("help")) {
            return new Invocation(Command.HELP, command, List.of());
        }
        if (!command.equals("run")) {
            return new Invocation(Command.UNKNOWN, command, List.of());
        }
        if (words.size() > 1) {
            return new Invocation(Command.UNKNOWN, words.get(1), List.of()); // run takes no operands
        }
        return new Invocation(Command.RUN, command, springArgs);
    }

    String[] springArgsArray() {
        return springArgs.toArray(String[]::new);
    }
}
