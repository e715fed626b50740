package dev.signingsuite.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Guards wire compatibility: every golden file reads into its record and writes back unchanged. */
class GoldenFilesTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                DocumentSubmitted.class,
                DocumentReceived.class,
                HashComputed.class,
                SignatureRequested.class,
                SignatureReturned.class,
                SignatureAugmented.class,
                ContainerAssembled.class,
                DocumentFailed.class,
                StageOutcomeRecorded.class,
                SigningIntent.class,
                IntakeRejected.class,
                BatchCompleted.class,
                BatchCancelled.class,
                LoginCallbackReceived.class
            })
    void roundTripsTheGoldenFile(Class<?> type) {
        byte[] golden = Golden.bytes(EventTypes.kebabName(type));

        Object event = EventJson.read(golden, type);
        byte[] written = EventJson.write(event);

        assertThat(Golden.tree(written)).isEqualTo(Golden.tree(golden));
        // records holding byte[] compare arrays by identity, so compare what they write
        assertThat(Golden.tree(EventJson.write(EventJson.read(written, type)))).isEqualTo(Golden.tree(golden));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hash-computed-pades", "signature-augmented-pades"})
    void padesEventsRoundTripWithTheirRevisionAndSignedPdf(String name) {
        Class<?> type = name.startsWith("hash") ? HashComputed.class : SignatureAugmented.class;
        byte[] golden = Golden.bytes(name);

        Object event = EventJson.read(golden, type);

        assertThat(Golden.tree(EventJson.write(event))).isEqualTo(Golden.tree(golden));
        PdfRevision revision = event instanceof HashComputed computed
                ? computed.pdfRevision()
                : ((SignatureAugmented) event).parameters().pdfRevision();
        assertThat(revision.signingDate()).hasToString("2025-11-23T09:15:01Z");
        assertThat(revision.messageDigest()).hasSize(32);
        if (event instanceof SignatureAugmented augmented) {
            assertThat(augmented.signedDocument().mediaType()).isEqualTo("application/pdf");
            assertThat(augmented.manifest()).isNull();
        }
    }

    @Test
    void aDocumentInTheTenantsBucketRoundTrips() {
        byte[] golden = Golden.bytes("document-submitted-object");

        DocumentSubmitted submitted = EventJson.read(golden, DocumentSubmitted.class);

        assertThat(submitted.content()).isNull();
        assertThat(submitted.contentObject().bucket()).isEqualTo("acme-back-office");
        assertThat(submitted.contentObject().key()).isEqualTo("outgoing/invoice-43.pdf");
        assertThat(Golden.tree(EventJson.write(submitted))).isEqualTo(Golden.tree(golden));
    }

    @Test
    void recordsWithoutArraysAreEqualAfterARoundTrip() {
        for (Class<?> type :
                List.of(DocumentReceived.class, ContainerAssembled.class, DocumentFailed.class, IntakeRejected.class)) {
            Object event = Golden.read(type);
            assertThat(EventJson.read(EventJson.write(event), type)).isEqualTo(event);
        }
    }

    @Test
    void goldenValuesReadAsExpected() {
        SignatureRequested requested = Golden.read(SignatureRequested.class);
        assertThat(requested.signer()).isEqualTo(new SignerRef(Provider.SMARTID, "PNOEE-30303039914"));
        assertThat(requested.session().verificationCode()).isEqualTo("4927");
        assertThat(requested.parameters().signingDate()).hasToString("2025-11-23T09:15:02Z");
        assertThat(requested.parameters().certificateChain()).hasSize(1);
        // a DER certificate starts with a SEQUENCE tag
        assertThat(requested.parameters().signingCertificate()[0]).isEqualTo((byte) 0x30);

        DocumentSubmitted submitted = Golden.read(DocumentSubmitted.class);
        assertThat(new String(submitted.content(), java.nio.charset.StandardCharsets.US_ASCII))
                .startsWith("%PDF-");
    }

    @Test
    void schemaVersionOfEveryGoldenFileIsTheRecordsVersion() {
        assertThat(Golden.read(DocumentSubmitted.class).schemaVersion()).isEqualTo(DocumentSubmitted.SCHEMA_VERSION);
        assertThat(Golden.read(DocumentFailed.class).schemaVersion()).isEqualTo(DocumentFailed.SCHEMA_VERSION);
    }

    @Test
    void aReturnedSigningIntentCarriesItsValueAndAStartedOneMustNot() {
        SigningIntent returned = Golden.read(SigningIntent.class);
        assertThat(returned.status()).isEqualTo(SigningIntent.Status.RETURNED);
        assertThat(returned.signatureValue()).isNotEmpty();
        assertThat(returned.remoteSessionId()).isEqualTo("de305d54-75b4-431b-adb2-eb6b9e546014");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SigningIntent(
                        1,
                        "d",
                        "b",
                        "t",
                        null,
                        "csc",
                        0,
                        new byte[] {1},
                        null,
                        SigningIntent.Status.STARTED,
                        new byte[] {2},
                        returned.at()))
                .hasMessageContaining("signatureValue");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SigningIntent(
                        1,
                        "d",
                        "b",
                        "t",
                        null,
                        "csc",
                        0,
                        new byte[] {1},
                        null,
                        SigningIntent.Status.RETURNED,
                        null,
                        returned.at()))
                .hasMessageContaining("signatureValue");
    }

    @Test
    void aDocumentAwaitingAPersonRoundTripsWithoutParametersOrSession() {
        byte[] golden = Golden.bytes("signature-requested-awaiting");
        SignatureRequested requested = EventJson.read(golden, SignatureRequested.class);
        assertThat(requested.awaitsPerson()).isTrue();
        assertThat(requested.awaitsCertificateChoice()).isFalse();
        assertThat(requested.session()).isNull();
        assertThat(Golden.tree(EventJson.write(requested))).isEqualTo(Golden.tree(golden));
        assertThat(Golden.read(SignatureRequested.class).awaitsPerson()).isFalse();
    }

    @Test
    void aDocumentAwaitingALoginCarriesTheLinkAsItsSession() {
        byte[] golden = Golden.bytes("signature-requested-awaiting-login");
        SignatureRequested requested = EventJson.read(golden, SignatureRequested.class);
        assertThat(requested.awaitsPerson()).isTrue();
        assertThat(requested.parameters()).isNull();
        assertThat(requested.session().deviceLink().getQuery())
                .contains("code_challenge_method=S256")
                .doesNotContain("code_verifier");
        assertThat(Golden.tree(EventJson.write(requested))).isEqualTo(Golden.tree(golden));
    }

    @Test
    void aLoginCallbackHidesItsCodeInLogs() {
        LoginCallbackReceived callback = Golden.read(LoginCallbackReceived.class);
        assertThat(callback.code()).isEqualTo("x3kQ8sLwz1-9aB2cD4eF6gH8iJ0kL2mN");
        assertThat(callback.toString()).doesNotContain(callback.code()).contains(callback.state());
    }

    @Test
    void aPendingCertificateChoiceRoundTripsWithoutParameters() {
        byte[] golden = Golden.bytes("signature-requested-certificate-choice");
        SignatureRequested requested = EventJson.read(golden, SignatureRequested.class);
        assertThat(requested.awaitsCertificateChoice()).isTrue();
        assertThat(requested.parameters()).isNull();
        assertThat(requested.dataToSignDigest()).isNull();
        assertThat(requested.certificateChoice().choiceSessionId())
                .isEqualTo(requested.session().sessionId());
        assertThat(requested.certificateChoice().level()).isEqualTo(SignatureLevel.LT);
        assertThat(Golden.tree(EventJson.write(requested))).isEqualTo(Golden.tree(golden));
        // The older form has no certificateChoice and reads as before.
        assertThat(Golden.read(SignatureRequested.class).certificateChoice()).isNull();
        assertThat(Golden.read(SignatureRequested.class).awaitsCertificateChoice())
                .isFalse();
    }

    @Test
    void anIntakeRejectionOfANewerReasonReadsAsUnknown() {
        String newer = new String(Golden.bytes("intake-rejected"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("CLIENT_REFERENCE_REUSED", "SOMETHING_NEWER");
        IntakeRejected read =
                EventJson.read(newer.getBytes(java.nio.charset.StandardCharsets.UTF_8), IntakeRejected.class);
        assertThat(read.reason()).isEqualTo(IntakeRejected.Reason.UNKNOWN);
        assertThat(IntakeRejected.keyOf(read.tenantId(), read.clientReference()))
                .isEqualTo("acme/INV-2025-000042");
    }
}
