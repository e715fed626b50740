package dev.signingsuite.provider.eparaksts;

import dev.signingsuite.provider.eparaksts.approval.SealApprovals;
import dev.signingsuite.provider.eparaksts.authorisation.SealAuthorisation;
import dev.signingsuite.provider.eparaksts.client.EparakstsClient;
import dev.signingsuite.provider.eparaksts.client.EparakstsProperties;
import dev.signingsuite.provider.eparaksts.signing.IssuerChain;
import dev.signingsuite.provider.eparaksts.signing.SealSigner;
import dev.signingsuite.provider.runtime.BatchSigning;
import dev.signingsuite.provider.runtime.DataToSign;
import dev.signingsuite.provider.runtime.SigningIntents;
import dev.signingsuite.provider.runtime.approval.ApprovalGroups;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What one provider-eparaksts process holds in memory, without Kafka: its client, authorisation
 * (the sandbox's automatic login), approval groups and runtime, over a ledger the caller keeps.
 */
final class TestProvider {

    final EparakstsProperties properties;
    final EparakstsClient client;
    final SealAuthorisation authorisation;
    final ApprovalGroups<EparakstsClient.UserToken> groups;
    final BatchSigning signing;

    /** @param groupSize a group closes when full, without waiting for its window */
    TestProvider(Clock clock, SigningIntents ledger, int groupSize) {
        properties = properties(groupSize);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        client = new EparakstsClient(HttpClient.newHttpClient(), properties, clock, meters);
        SealApprovals approvals = new SealApprovals(client, properties.approval(), false);
        groups = new ApprovalGroups<>(
                "eparaksts", approvals, properties.approval().window(), clock, meters, () -> ledger);
        authorisation = new SealAuthorisation(client, properties, clock, meters);
        authorisation.grant();
        SealSigner signer = new SealSigner(
                client,
                authorisation,
                approvals,
                groups,
                new DataToSign(),
                Retry.of("eparaksts", RetryConfig.custom().maxAttempts(1).build()),
                clock,
                new IssuerChain(List.of()),
                properties.defaultSeal(),
                Duration.ofSeconds(1));
        signing = new BatchSigning(signer, new DataToSign(), clock, meters, ledger);
    }

    /** The person approves every closed group, as the simulator's test person does. */
    void approve() {
        new SealApprovals(client, properties.approval(), true).approveDue(groups);
    }

    private static EparakstsProperties properties(int groupSize) {
        return TestProperties.of(
                TestSandbox.get().eparakstsBaseUrl(),
                "sandbox-eparaksts",
                "sandbox-eparaksts-secret",
                "CN:Sandbox Invoicing SIA : eZīmogs",
                true,
                Duration.ofSeconds(1),
                new EparakstsProperties.Retry(1, Duration.ofMillis(100)),
                new EparakstsProperties.Approval(groupSize, Duration.ofMinutes(1), "sha256"));
    }
}
