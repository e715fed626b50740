package dev.signingsuite.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sandbox port a data directory's test PKI was issued for. Its certificates carry the OCSP
 * and CA addresses (AIA) with that port, and the TSA and OCSP URLs the services get are derived
 * from it: a sandbox on another port leaves every document waiting for a responder nobody runs.
 * So a data directory keeps its port: port 0 reuses it, another explicit port is refused.
 */
final class SandboxPort {

    static final String FILE = "port";

    private SandboxPort() {}

    /** The port to bind: the remembered one when there is one, else {@code configured}. */
    static int choose(Path sandboxDir, int configured) throws IOException {
        Path file = sandboxDir.resolve(FILE);
        if (!Files.exists(file)) {
            return configured;
        }
        int remembered = Integer.parseInt(Files.readString(file).strip());
        if (configured != 0 && configured != remembered) {
            throw new IllegalStateException("The test PKI in " + sandboxDir + " names the sandbox at port " + remembered
                    + " in its certificates, not " + configured + ": start with --standalone.sandbox.port="
                    + remembered + " (or 0), or use a fresh --standalone.data-dir.");
        }
        if (!LoopbackPorts.isFree("127.0.0.1", remembered)) {
            throw new IllegalStateException("The test PKI in " + sandboxDir + " names the sandbox at port " + remembered
                    + " in its certificates, and that port is in use: stop what uses it"
                    + " (another run on this data directory?), or use a fresh --standalone.data-dir.");
        }
        return remembered;
    }

    static void remember(Path sandboxDir, int port) throws IOException {
        Files.createDirectories(sandboxDir);
        Files.writeString(sandboxDir.resolve(FILE), Integer.toString(port));
    }
}
