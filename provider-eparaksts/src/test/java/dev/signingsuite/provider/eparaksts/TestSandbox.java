package dev.signingsuite.provider.eparaksts;

import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** One sandbox per test JVM: key generation is slow, the simulator's counters are reset per test. */
final class TestSandbox {

    private static Sandbox sandbox;

    private TestSandbox() {}

    static synchronized Sandbox get() {
        if (sandbox == null) {
            try {
                sandbox = Sandbox.start(
                        new SandboxSettings(Files.createTempDirectory("eparaksts-it-sandbox"), "127.0.0.1", 0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        }
        return sandbox;
    }
}
