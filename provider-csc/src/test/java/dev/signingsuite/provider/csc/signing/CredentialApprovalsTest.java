package dev.signingsuite.provider.csc.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.HashComputed;
import dev.signingsuite.provider.csc.TestDocuments;
import dev.signingsuite.provider.csc.client.CscClient;
import dev.signingsuite.provider.csc.client.CscProperties;
import dev.signingsuite.provider.runtime.BatchSigning;
import dev.signingsuite.provider.runtime.SigningOutcome;
import dev.signingsuite.provider.runtime.approval.PendingGroup;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.sandbox.csc.CscSettings;
import dev.signingsuite.signature.DssParameters;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents of the simulator's {@code oauth2code} credential wait for a person's approval ({@code
 * scope=credential}) and are then signed with the approval's token, against the simulator over
 * HTTP; the simulator's test user approves at once, and the browser's leg is an HTTP client that
 * does not follow the redirect.
 */
class CredentialApprovalsTest {

    static final URI REDIRECT = URI.create("http://127.0.0.1:1/csc/callback");

    @TempDir
    static java.nio.file.Path dataDir;

    static Sandbox sandbox;
    final CAdESService cades = new CAdESService(new CommonCertificateVerifier());
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final MutableClock clock = TestClock.startingAt(TestClock.now());
    CredentialApprovals approvals;
    BatchSigner signer;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new SandboxSettings(dataDir, "127.0.0.1", 0).withCsc(CscSettings.defaults()));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void setUp() {
        sandbox.csc().resetCounters();
        sandbox.csc().approving(true);
        CscProperties properties = properties(3);
        CscClient client = new CscClient(HttpClient.newHttpClient(), properties, TestClock.system(), meters);
        approvals = new CredentialApprovals(client, REDIRECT, clock, meters);
        Retry retry = Retry.of("csc-test", RetryConfig.custom().maxAttempts(1).build());
        signer = new BatchSigner(client, cades, retry, clock, meters, properties, approvals);
    }

    @Test
    void waitingDocumentsAreSignedWithOneSignHashUnderThePersonsApproval() throws Exception {
        HashComputed seal1 = TestDocuments.hashComputed("seal-1", "sandbox-seal");
        HashComputed seal2 = TestDocuments.hashComputed("seal-2", "sandbox-seal");
        List<HashComputed> oauth = documents(4, "oauth-seal");
        List<HashComputed> poll = List.of(seal1, oauth.get(0), seal2, oauth.get(1), oauth.get(2), oauth.get(3));

        BatchSigning.Result first = signer.signOrWait(poll);

        assertThat(first.decided())
                .as("only what comes before the first waiting document")
                .isEqualTo(1);
        assertThat(first.outcomes()).singleElement().isInstanceOf(SigningOutcome.Signed.class);
        assertThat(first.outcomes().get(0).document()).isSameAs(seal1);
        assertThat(first.waiting()).containsExactlyElementsOf(oauth);
        List<PendingGroup> pending = approvals.pending();
        assertThat(pending).as("at most multisign (3) per approval").hasSize(2);
        assertThat(pending.get(0).subject()).isEqualTo("sandbox-seal-oauth");
        assertThat(pending.get(0).documentIds()).containsExactly("oauth-seal-1", "oauth-seal-2", "oauth-seal-3");
        assertThat(pending.get(1).documentIds()).containsExactly("oauth-seal-4");
        assertThat(pending).allSatisfy(p -> assertThat(p.state()).isEqualTo("WAITING"));

        // The poll is handed back from the first waiting document; nothing new is prepared for it.
        List<HashComputed> again = poll.subList(1, poll.size());
        BatchSigning.Result waiting = signer.signOrWait(again);
        assertThat(waiting.decided()).isZero();
        assertThat(waiting.outcomes()).isEmpty();
        assertThat(approvals.pending()).isEqualTo(pending);

        URI authorize = approvals.start(pending.get(0).id());
        Map<String, String> query = query(authorize);
        assertThat(authorize.toString()).startsWith(sandbox.cscBaseUrl() + "/oauth2/authorize?");
        assertThat(query)
                .containsEntry("scope", "credential")
                .containsEntry("credentialID", "sandbox-seal-oauth")
                .containsEntry("numSignatures", "3")
                .containsEntry("hashAlgorithmOID", "2.16.840.1.101.3.4.2.1")
                .containsEntry("code_challenge_method", "S256")
                .containsKey("state")
                .containsKey("code_challenge");
        assertThat(approvals.pending().get(0).state()).isEqualTo("STARTED");
        Map<String, String> back = browse(authorize);
        assertThat(approvals.issued(back.get("state"))).isTrue();
        approvals.complete(back.get("code"), back.get("state"));
        assertThat(approvals.pending().get(0).state()).isEqualTo("APPROVED");
        assertThatThrownBy(() -> approvals.complete(back.get("code"), back.get("state")))
                .as("a replayed callback")
                .isInstanceOf(IllegalArgumentException.class);

        HashComputed late = TestDocuments.hashComputed("oauth-seal-5", "oauth-seal");
        // Redelivered records are read again: equal documents, new objects.
        List<HashComputed> redelivered = new ArrayList<>();
        for (HashComputed document : again) {
            redelivered.add(TestDocuments.hashComputed(
                    document.documentId(), document.signer().identity()));
        }
        redelivered.add(late);
        BatchSigning.Result approved = signer.signOrWait(redelivered);

        assertThat(approved.decided())
                .as("up to the fourth, which waits for the second approval")
                .isEqualTo(4);
        assertThat(approved.outcomes()).hasSize(4).allMatch(SigningOutcome.Signed.class::isInstance);
        assertThat(approved.outcomes())
                .extracting(SigningOutcome::document)
                .as("the outcomes name this poll's documents, which the caller matches by identity")
                .usingElementComparator((a, b) -> a == b ? 0 : 1)
                .containsExactlyInAnyOrderElementsOf(redelivered.subList(0, 4));
        assertThat(approved.waiting()).containsExactly(redelivered.get(4), late);
        List<String> approvedHashes = List.of(query.get("hashes").split(","));
        assertThat(approved.outcomes())
                .filteredOn(o -> o.document().signer().identity().equals("oauth-seal"))
                .extracting(o -> Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(((SigningOutcome.Signed) o).dataToSignDigest()))
                .as("the hashes the person approved are the ones signed")
                .containsExactlyElementsOf(approvedHashes);
        assertThat(sandbox.csc().signHashSizes("sandbox-seal-oauth")).containsExactly(3);
        assertThat(sandbox.csc().authorizations("sandbox-seal-oauth"))
                .as("the one token")
                .isEqualTo(1);
        assertThat(sandbox.csc().calls("credentials/authorize"))
                .as("the two sandbox-seal SADs only")
                .isEqualTo(2);
        assertThat(approvals.pending())
                .singleElement()
                .satisfies(p -> assertThat(p.documentIds()).containsExactly("oauth-seal-4", "oauth-seal-5"));
    }

    @Test
    void anApprovedGroupThatComesBackInPartIsSignedWholeAndTheRestIsDeliveredWithoutAnotherCall() throws Exception {
        List<HashComputed> oauth = documents(3, "oauth-seal");
        signer.signOrWait(oauth);
        approve(approvals.pending().get(0).id());

        BatchSigning.Result part = signer.signOrWait(oauth.subList(0, 2));

        assertThat(part.decided()).isEqualTo(2);
        assertThat(part.outcomes()).hasSize(2).allMatch(SigningOutcome.Signed.class::isInstance);
        assertThat(sandbox.csc().signHashSizes("sandbox-seal-oauth"))
                .as("every hash the person approved, in one call")
                .containsExactly(3);
        assertThat(approvals.pending()).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo("SIGNED");
            assertThat(p.documentIds()).containsExactly("oauth-seal-3");
        });

        // The token has expired meanwhile; the value was returned while it was valid.
        clock.advance(Duration.ofDays(1));
        HashComputed third = TestDocuments.hashComputed("oauth-seal-3", "oauth-seal");
        BatchSigning.Result rest = signer.signOrWait(List.of(third));

        SigningOutcome.Signed signed = (SigningOutcome.Signed) rest.outcomes().get(0);
        assertThat(rest.outcomes()).hasSize(1);
        assertThat(signed.document()).isSameAs(third);
        byte[] dataToSign = cades.getDataToSign(
                        DssParameters.manifest(third.manifest()), DssParameters.cadesBaselineB(signed.parameters()))
                .getBytes();
        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(sandbox.csc().certificate("sandbox-seal-oauth").getPublicKey());
        verify.update(dataToSign);
        assertThat(verify.verify(signed.signatureValue()))
                .as("the kept value signs the third document's data")
                .isTrue();
        assertThat(sandbox.csc().signHashSizes("sandbox-seal-oauth")).containsExactly(3);
        assertThat(sandbox.csc().authorizations("sandbox-seal-oauth")).isEqualTo(1);
        assertThat(approvals.pending()).isEmpty();
    }

    private void approve(String approvalId) throws Exception {
        Map<String, String> back = browse(approvals.start(approvalId));
        approvals.complete(back.get("code"), back.get("state"));
    }

    @Test
    void anApprovalWhoseTokenExpiredUnusedIsDroppedAndItsDocumentsWaitAgain() throws Exception {
        List<HashComputed> oauth = documents(2, "oauth-seal");
        signer.signOrWait(oauth);
        PendingGroup pending = approvals.pending().get(0);
        Map<String, String> back = browse(approvals.start(pending.id()));
        approvals.complete(back.get("code"), back.get("state"));

        clock.advance(Duration.ofDays(1));
        BatchSigning.Result result = signer.signOrWait(oauth);

        assertThat(result.decided()).isZero();
        assertThat(result.waiting()).containsExactlyElementsOf(oauth);
        assertThat(approvals.pending()).singleElement().satisfies(p -> {
            assertThat(p.id()).isNotEqualTo(pending.id());
            assertThat(p.state()).isEqualTo("WAITING");
            assertThat(p.documents()).isEqualTo(2);
        });
        assertThat(sandbox.csc().calls("signatures/signHash")).isZero();
    }

    @Test
    void withoutApprovalsAnOauth2codeCredentialStillFails() {
        CscProperties properties = properties(3);
        CscClient client = new CscClient(HttpClient.newHttpClient(), properties, TestClock.system(), meters);
        BatchSigner plain = new BatchSigner(
                client,
                cades,
                Retry.of("csc-test", RetryConfig.custom().maxAttempts(1).build()),
                TestClock.system(),
                meters,
                properties);

        BatchSigning.Result result = plain.signOrWait(documents(2, "oauth-seal"));

        assertThat(result.decided()).isEqualTo(2);
        assertThat(result.outcomes())
                .allSatisfy(o ->
                        assertThat(((SigningOutcome.Failed) o).message()).contains("approval-redirect-uri is not set"));
    }

    @Test
    void anUnknownApprovalCannotBeStarted() {
        assertThatThrownBy(() -> approvals.start("nope")).isInstanceOf(IllegalArgumentException.class);
        assertThat(approvals.issued("nope")).isFalse();
    }

    private static CscProperties properties(int maxBatchSize) {
        return new CscProperties(
                sandbox.cscBaseUrl(),
                null,
                "sandbox-client",
                "sandbox-secret",
                "sandbox-seal",
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                maxBatchSize,
                new CscProperties.Retry(1, Duration.ofMillis(10)),
                BatchSignerTest.SIGNERS,
                null,
                REDIRECT,
                Duration.ofSeconds(5));
    }

    private static List<HashComputed> documents(int count, String signer) {
        List<HashComputed> documents = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            documents.add(TestDocuments.hashComputed(signer + "-" + i, signer));
        }
        return documents;
    }

    /** The browser's leg: follows nothing, returns the redirect's query parameters. */
    private static Map<String, String> browse(URI authorize) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(authorize).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertThat(location.getPath()).isEqualTo(REDIRECT.getPath());
        return query(location);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return query;
    }
}
