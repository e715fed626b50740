package dev.signingsuite.standalone;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where {@code run}'s log goes: the whole log (INFO and up, every service and the broker) to {@code
 * <data-dir>/logs/suite.log}, the console only warnings and errors, so that the ready banner is the
 * first thing a person sees instead of a few hundred start-up lines. A setting the user gives wins.
 *
 * <p>Set as system properties, not arguments: every service is a Spring application of its own in
 * this JVM, and each one sets up logging again from its own environment, which holds the JVM's
 * system properties but not the standalone's arguments.
 */
final class RunLogging {

    static final String FILE = "logging.file.name";
    static final String CONSOLE_THRESHOLD = "logging.threshold.console";

    private RunLogging() {}

    /** The properties to set for {@code run} with these arguments and this environment. */
    static Map<String, String> properties(List<String> springArgs, Map<String, String> env) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (!given(springArgs, FILE)) {
            properties.put(
                    FILE,
                    dataDir(springArgs, env)
                            .resolve("logs")
                            .resolve("suite.log")
                            .toString());
        }
        if (!given(springArgs, CONSOLE_THRESHOLD)) {
            properties.put(CONSOLE_THRESHOLD, "WARN");
        }
        return properties;
    }

    static void apply(List<String> springArgs) {
        properties(springArgs, System.getenv()).forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }

    private static Path dataDir(List<String> springArgs, Map<String, String> env) {
        String prefix = "--standalone.data-dir=";
        String dir = springArgs.stream()
                .filter(arg -> arg.startsWith(prefix))
                .map(arg -> arg.substring(prefix.length()))
                .reduce((first, last) -> last)
                .orElse(env.getOrDefault("STANDALONE_DATA_DIR", "./data"));
        return Path.of(dir).toAbsolutePath().normalize();
    }

    private static boolean given(List<String> springArgs, String key) {
        return springArgs.stream().anyMatch(arg -> arg.startsWith("--" + key + "="));
    }
}
