package dev.signingsuite.standalone;

import dev.signingsuite.sandbox.csc.CscProfile;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the standalone process can be told, under {@code standalone.*}. Port 0 means any free
 * port (tests); the defaults are the well-known ports a developer expects.
 */
@Validated
@ConfigurationProperties("standalone")
public record StandaloneProperties(
        @DefaultValue("./data") @NotNull Path dataDir,
        @DefaultValue @Valid @NotNull KafkaProperties kafka,
        @DefaultValue @Valid @NotNull SandboxProperties sandbox,
        @DefaultValue @Valid @NotNull DatabaseProperties database,
        @DefaultValue @Valid @NotNull ServicesProperties services,
        @DefaultValue @Valid @NotNull ProcessesProperties processes,
        @DefaultValue @Valid @NotNull OnetimeProperties onetime,
        @DefaultValue("10m") @NotNull Duration sealTimeout,
        @DefaultValue("true") boolean readyBanner) {

    /**
     * @param tenantPort where back offices connect with SCRAM-SHA-512 (0 = any free), only when
     *     {@code tenants} names any; the services keep the loopback listener on {@code port}
     * @param tenants back-office Kafka users, by tenant: each may write only its own intake topic
     *     ({@code signing.intake.v1.<tenant>}, ADR 17); the value is its password
     */
    public record KafkaProperties(
            @DefaultValue("9092") @Min(0) @Max(65535) int port,
            @DefaultValue("6") @Min(1) @Max(10_000) int partitions,
            @DefaultValue("9094") @Min(0) @Max(65535) int tenantPort,
            Map<String, String> tenants) {

        public KafkaProperties {
            tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
        }
    }

    /**
     * The layout of {@code run --processes} and {@code seal --processes}.
     *
     * @param brokers KRaft nodes, each broker and controller voter; replication factor min(3, n)
     * @param instances processes of each stage and of each provider started
     * @param jvmOptions of every child JVM (services and Kafka nodes)
     * @param startTimeout until every process answers and every consumer group has all its members
     * @param s3 whether the blobs live in an S3 server of their own (S3Proxy, a process, over
     *     {@code <data-dir>/s3}) as they would on a cluster, or in {@code <data-dir>/blobs}
     */
    public record ProcessesProperties(
            @DefaultValue("3") @Min(1) @Max(9) int brokers,
            @DefaultValue("2") @Min(1) @Max(16) int instances,

            @DefaultValue({"-Xmx256m", "-XX:+UseSerialGC", "-XX:ActiveProcessorCount=1"}) @NotNull
            java.util.List<String> jvmOptions,

            @DefaultValue("10m") @NotNull Duration startTimeout,
            @DefaultValue("true") boolean s3) {}

    /**
     * provider-onetime (issue 21): a SoftHSM2 token per instance under {@code <data-dir>/softhsm/},
     * the sandbox's EST CA.
     *
     * @param enabled whether to start provider-onetime; it is a JVM of its own even in the
     *     one-process layout (SoftHSM2 reads its configuration from the process environment), so
     *     {@code seal} with another provider leaves it out
     * @param library the PKCS#11 library; when it is missing provider-onetime runs without a token
     *     and fails its documents {@code STAGE_UNAVAILABLE}, saying what to install
     * @param automatic whether the sandbox's test person logs in at once, the service playing the
     *     browser (as eParaksts' simulator person approves); off, documents wait for a person to
     *     log in through the gateway's person page, and the identity provider sends the browser to
     *     the gateway's {@code /onetime/callback} (ADR 28)
     */
    public record OnetimeProperties(
            @DefaultValue("true") boolean enabled,

            @DefaultValue("/usr/lib/softhsm/libsofthsm2.so") @NotNull
            Path library,

            @DefaultValue("true") boolean automatic) {}

    /**
     * @param cscProfile the real CSC service the simulator poses as, strict in its way; the
     *     provider is told the same through {@code signing.csc.profile} ({@code --csc-profile})
     */
    public record SandboxProperties(
            @DefaultValue("8190") @Min(0) @Max(65535) int port,
            @DefaultValue("generic") @NotNull CscProfile cscProfile) {}

    /**
     * The gateway's embedded PostgreSQL, its files under {@code <data-dir>/postgres}.
     *
     * @param port on 127.0.0.1, 0 = any free (only the gateway connects, and it is told the port)
     */
    public record DatabaseProperties(
            @DefaultValue("0") @Min(0) @Max(65535) int port) {}

    /**
     * @param enabled whether to start the suite's services (off: only broker and sandbox)
     * @param gatewayPort the gateway's HTTP port, 0 = any free
     * @param basePort the other services' HTTP ports (actuator, metrics) count up from here in
     *     start order; 0 = any free
     * @param properties passed to every service as it starts, above its own yml (the bench sets a
     *     provider's batch window this way)
     */
    public record ServicesProperties(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("8080") @Min(0) @Max(65535) int gatewayPort,
            @DefaultValue("8081") @Min(0) @Max(65000) int basePort,
            @DefaultValue("INFO") @NotNull String logLevel,
            Map<String, String> properties) {

        public ServicesProperties {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }

        int portOf(String service, int index) {
            if (service.equals("gateway")) {
                return gatewayPort;
            }
            return basePort == 0 ? 0 : basePort + index;
        }
    }
}
