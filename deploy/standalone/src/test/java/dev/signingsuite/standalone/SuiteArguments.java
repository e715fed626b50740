package dev.signingsuite.standalone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The arguments every IT's suite starts with: its own data directory and free ports throughout. */
final class SuiteArguments {

    private SuiteArguments() {}

    /**
     * {@code dataDir} and free ports for the broker, the sandbox and every service, then {@code more};
     * without provider-onetime unless {@code more} names {@code --standalone.onetime.enabled}.
     */
    static String[] onFreePorts(Path dataDir, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--standalone.data-dir=" + dataDir,
                "--standalone.kafka.port=0",
                "--standalone.kafka.tenant-port=0",
                "--standalone.sandbox.port=0",
                "--standalone.services.gateway-port=0",
                "--standalone.services.base-port=0"));
        if (List.of(more).stream().noneMatch(argument -> argument.startsWith("--standalone.onetime.enabled="))) {
            // A JVM of its own (OnetimeToken): only the one-time ITs start it.
            arguments.add("--standalone.onetime.enabled=false");
        }
        arguments.addAll(List.of(more));
        return arguments.toArray(String[]::new);
    }
}
