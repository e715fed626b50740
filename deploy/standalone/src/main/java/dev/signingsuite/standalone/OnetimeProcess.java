package dev.signingsuite.standalone;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * provider-onetime as a JVM of its own with a SoftHSM2 token in the data directory: SoftHSM2 reads
 * where its tokens live from {@code SOFTHSM2_CONF} when the library loads, which only a new
 * process's environment can set (ADR 20). A token per instance, since opening a token destroys the
 * one-time keys a stopped instance left in it.
 */
final class OnetimeProcess {

    private static final Logger log = LoggerFactory.getLogger(OnetimeProcess.class);

    private OnetimeProcess() {}

    /** Where instance {@code instance} (1-based) of provider-onetime keeps its SoftHSM2 token. */
    static Path tokenDirectory(Path dataDir, int instance) {
        return dataDir.resolve("softhsm").resolve(Integer.toString(instance));
    }

    /** Instance {@code instance}'s token, initialised on first use; empty without a PKCS#11 library. */
    static Optional<OnetimeToken> token(StandaloneProperties properties, int instance) throws IOException {
        return OnetimeToken.prepare(
                tokenDirectory(properties.dataDir().toAbsolutePath().normalize(), instance),
                properties.onetime().library());
    }

    /**
     * The one instance of the single-JVM suite, with its token in {@code <data-dir>/softhsm/1};
     * empty when the PKCS#11 library is missing (the service then runs in the suite's JVM without a
     * token and fails its documents, saying what to install).
     */
    static Optional<ChildProcess> start(SuiteServices.Wiring wiring, int port, List<SuiteServices.Running> started) {
        StandaloneProperties properties = wiring.properties();
        try {
            Optional<OnetimeToken> token = token(properties, 1);
            if (token.isEmpty()) {
                log.warn(
                        "{} runs without a token: no PKCS#11 library at {} (install Debian's softhsm2)",
                        SuiteServices.ONETIME,
                        properties.onetime().library());
                return Optional.empty();
            }
            Map<String, String> args = wiring.arguments(
                    SuiteServices.ONETIME, port == 0 ? LoopbackPorts.pickFree("127.0.0.1") : port, started);
            args.putAll(token.get().properties());
            List<String> command = new ArrayList<>(List.of(ChildCommands.SERVICE, SuiteServices.ONETIME));
            command.addAll(List.of(SuiteServices.toArgs(args)));
            ChildProcess child = ChildProcess.start(
                    SuiteServices.ONETIME,
                    1,
                    Integer.parseInt(args.get("server.port")),
                    properties.processes().jvmOptions(),
                    command,
                    properties.dataDir().toAbsolutePath().normalize().resolve("processes"),
                    token.get().environment());
            try {
                ProcessReadiness.awaitServices(
                        wiring.broker(),
                        Map.of(SuiteServices.ONETIME, 1),
                        List.of(child),
                        properties.processes().startTimeout());
            } catch (RuntimeException e) {
                child.kill();
                throw e;
            }
            log.info("{} started as process {} on port {}", SuiteServices.ONETIME, child.pid(), child.port());
            return Optional.of(child);
        } catch (IOException e) {
            throw new IllegalStateException(SuiteServices.ONETIME + " did not start: " + e.getMessage(), e);
        }
    }
}
