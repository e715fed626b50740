package dev.signingsuite.provider.csc.signing;

import dev.signingsuite.events.HashComputed;
import dev.signingsuite.provider.csc.client.CscClient;
import dev.signingsuite.provider.csc.client.CscProperties;
import dev.signingsuite.provider.runtime.BatchSigning;
import dev.signingsuite.provider.runtime.DataToSign;
import dev.signingsuite.provider.runtime.SigningOutcome;
import eu.europa.esig.dss.cades.signature.CAdESService;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;

/**
 * CSC's port on the runtime's batch engine, as the application wires them, without Kafka: what the
 * signing tests drive. (The tests' {@code CAdESService} is theirs: the runtime prepares with its own.)
 */
public final class BatchSigner {

    private final BatchSigning signing;

    public BatchSigner(
            CscClient client,
            CAdESService cades,
            Retry retry,
            Clock clock,
            MeterRegistry meters,
            CscProperties properties) {
        this(client, cades, retry, clock, meters, properties, null);
    }

    public BatchSigner(
            CscClient client,
            CAdESService cades,
            Retry retry,
            Clock clock,
            MeterRegistry meters,
            CscProperties properties,
            CredentialApprovals approvals) {
        DataToSign dataToSign = new DataToSign();
        this.signing = new BatchSigning(
                new CscSigner(client, retry, clock, meters, properties, approvals, dataToSign),
                dataToSign,
                clock,
                meters);
    }

    public List<SigningOutcome> sign(List<HashComputed> documents) {
        return signing.sign(documents);
    }

    public BatchSigning.Result signOrWait(List<HashComputed> documents) {
        return signing.signOrWait(documents);
    }
}
