package dev.signingsuite.standalone.chaos;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.sandbox.signing.SignedDigest;
import dev.signingsuite.standalone.dlq.DeadLetter;
import dev.signingsuite.standalone.dlq.RecordRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteSignaturesTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final byte[] A = {1, 2, 3};
    private static final byte[] B = {4, 5, 6};
    private static final byte[] C = {7, 8, 9};

    private final List<DeadLetter> intents = new ArrayList<>();

    @Test
    void oneSignedDigestPerDocumentIsNoDoubleSignature() {
        intent("doc-a", A);
        intent("doc-a", A); // STARTED, then RETURNED: the same digest recorded twice
        intent("doc-b", B);

        RemoteSignatures counted = RemoteSignatures.count(List.of(signed(A), signed(B)), intents);

        assertThat(counted).isEqualTo(new RemoteSignatures(2, 0, 0));
    }

    @Test
    void aDigestSignedTwiceAndADigestNoIntentNamesAreDoubleSignatures() {
        intent("doc-a", A);
        intent("doc-b", B);

        RemoteSignatures counted = RemoteSignatures.count(List.of(signed(A), signed(A), signed(B), signed(C)), intents);

        assertThat(counted.signatures()).isEqualTo(4);
        assertThat(counted.unmapped()).isEqualTo(1);
        assertThat(counted.doubles()).isEqualTo(2);
    }

    @Test
    void tombstonesOfTheCompactedTopicAreSkipped() {
        intents.add(new DeadLetter(new RecordRef("intents", 0, 0), "doc-a".getBytes(UTF_8), null, List.of(), AT));
        intent("doc-a", A);

        assertThat(RemoteSignatures.count(List.of(signed(A)), intents).doubles())
                .isZero();
    }

    private void intent(String document, byte[] digest) {
        String json = "{\"schemaVersion\":1,\"documentId\":\"" + document + "\",\"dataToSignDigest\":\""
                + Base64.getEncoder().encodeToString(digest) + "\",\"status\":\"STARTED\"}";
        intents.add(new DeadLetter(
                new RecordRef("signing.signing-intents.v1", 0, intents.size()),
                document.getBytes(UTF_8),
                json.getBytes(UTF_8),
                List.of(),
                AT));
    }

    private static SignedDigest signed(byte[] digest) {
        return new SignedDigest("eparaksts", digest, AT);
    }
}
