package dev.signingsuite.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Digest signing (CADES_DETACHED): a data file that carries a digest instead of a blob. */
class DigestSigningContractTest {

    private static final BlobRef BLOB = new BlobRef("s3://b/k", 3, "application/pdf", "a".repeat(64));
    private static final ContentDigest DIGEST = new ContentDigest("SHA256", new byte[32]);

    @Test
    void aDataFileHasExactlyOneOfBlobAndDigest() {
        assertThat(new DataFile("document", null, DIGEST).digestOnly()).isTrue();
        assertThat(new DataFile("a.pdf", BLOB).digestOnly()).isFalse();
        assertThatThrownBy(() -> new DataFile("a.pdf", BLOB, DIGEST)).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new DataFile("a.pdf", null, null)).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new ContentDigest("SHA256", new byte[0])).hasMessageContaining("value");
    }

    @Test
    void theGoldenOutcomeOfADigestRoundTripsAndMatchesThePublicSchema() throws Exception {
        byte[] golden = Golden.bytes("container-assembled-digest");

        ContainerAssembled assembled = EventJson.read(golden, ContainerAssembled.class);

        DataFile file = assembled.files().get(0);
        assertThat(file.blob()).isNull();
        assertThat(file.digest().algorithm()).isEqualTo("SHA256");
        assertThat(file.digest().value()).hasSize(32);
        assertThat(Golden.tree(EventJson.write(assembled))).isEqualTo(Golden.tree(golden));
        var jackson2 = new ObjectMapper();
        try (InputStream in = getClass().getResourceAsStream("/schemas/container-assembled.v1.schema.json")) {
            var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
            assertThat(schema.validate(jackson2.readTree(golden))).isEmpty();
            var both = (com.fasterxml.jackson.databind.node.ObjectNode) jackson2.readTree(golden);
            ((com.fasterxml.jackson.databind.node.ObjectNode)
                            both.withArray("files").get(0))
                    .set(
                            "blob",
                            jackson2.readTree(Golden.bytes("container-assembled"))
                                    .get("container"));
            assertThat(schema.validate(both)).isNotEmpty();
        }
    }

    @Test
    void aReaderMeetingAFormatItDoesNotKnowRefusesTheEventRatherThanGuess() {
        // What a stage older than a new format does with it: it cannot read the event (ADR 26).
        var received = (tools.jackson.databind.node.ObjectNode) Golden.tree(Golden.bytes("document-received"));
        received.put("format", "JADES_DETACHED");

        assertThatThrownBy(() -> EventJson.read(EventJson.mapper().writeValueAsBytes(received), DocumentReceived.class))
                .isInstanceOf(EventFormatException.class);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(names = {"CADES_DETACHED", "XADES_DETACHED"})
    void theIntakeRefusesADigestFormat(SignatureFormat format) {
        assertThatThrownBy(() -> new DocumentSubmitted(
                        1,
                        "acme",
                        "ref-1",
                        null,
                        "a.pdf",
                        "application/pdf",
                        new byte[] {1},
                        new SignerRef(Provider.CSC, "seal"),
                        format,
                        SignatureLevel.LT))
                .hasMessageContaining("format " + format)
                .hasMessageContaining("POST /v1/signatures");
    }
}
