package dev.signingsuite.sandbox;

import dev.signingsuite.sandbox.csc.CscSettings;
import dev.signingsuite.sandbox.eparaksts.EparakstsSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the sandbox keeps its files and where it listens.
 *
 * @param dataDir holds the test PKI ({@code pki/}) and the exported {@code trust-anchor.pem}
 * @param port 0 for a free port
 * @param csc the CSC simulator's client, lifetimes and credential
 * @param eparaksts the eParaksts simulator's client, test person, seals and lifetimes
 */
public record SandboxSettings(Path dataDir, String host, int port, CscSettings csc, EparakstsSettings eparaksts) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8190;

    public SandboxSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        Objects.requireNonNull(csc, "csc");
        Objects.requireNonNull(eparaksts, "eparaksts");
    }

    public SandboxSettings(Path dataDir, String host, int port, CscSettings csc) {
        this(dataDir, host, port, csc, EparakstsSettings.defaults());
    }

    public SandboxSettings withEparaksts(EparakstsSettings settings) {
        return new SandboxSettings(dataDir, host, port, csc, settings);
    }

    /** Settings with the CSC simulator's defaults ({@link CscSettings#defaults()}). */
    public SandboxSettings(Path dataDir, String host, int port) {
        this(dataDir, host, port, CscSettings.defaults());
    }

    public SandboxSettings withCsc(CscSettings settings) {
        return new SandboxSettings(dataDir, host, port, settings, eparaksts);
    }

    public static SandboxSettings defaults(Path dataDir) {
        return new SandboxSettings(dataDir, DEFAULT_HOST, DEFAULT_PORT);
    }
}
