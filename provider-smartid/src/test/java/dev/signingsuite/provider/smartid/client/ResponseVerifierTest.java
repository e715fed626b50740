package dev.signingsuite.provider.smartid.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.provider.smartid.client.SmartIdResponseException.Check;
import dev.signingsuite.sandbox.pki.CertificateProfile;
import dev.signingsuite.sandbox.pki.EntitySpec;
import dev.signingsuite.sandbox.pki.KeyKind;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.PkiSettings;
import dev.signingsuite.sandbox.pki.TestPki;
import dev.signingsuite.sandbox.smartid.SmartIdAccounts;
import dev.signingsuite.testclock.TestClock;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.DigestFactory;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The §10 checks of issue 23 on answers in the real shape: the JSON fixtures under {@code
 * responses/} follow SK's recorded session-status answers (smart-id-java-client's
 * session-status-successful-signature.json, reference §4), filled with a signature and certificate
 * of the sandbox's Smart-ID PKI, whose certificates are shaped like SK's.
 */
class ResponseVerifierTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Clock CLOCK = TestClock.system();
    private static final Set<String> NOTIFICATION = Set.of("Notification");
    private static final String PIN_ONLY = Interactions.displayTextAndPin("Sign invoice");
    /** Another person's second document: same person (serialNumber), another account. */
    private static final String OTHER_DOCUMENT = "PNOEE-40504040001-OTHR-Q";

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static ResponseVerifier verifier;
    private static PkiEntity person;
    private static PkiEntity secondDocument;

    @BeforeAll
    static void pki() throws Exception {
        List<EntitySpec> specs = new ArrayList<>(SmartIdAccounts.withAccounts(List.of()));
        specs.add(new EntitySpec(
                "second-document",
                SmartIdAccounts.ISSUING_CA,
                "C=EE, CN=TESTNUMBER\\,OK, SURNAME=TESTNUMBER, GIVENNAME=OK, SERIALNUMBER=PNOEE-40504040001",
                KeyKind.RSA_2048,
                Period.ofYears(3),
                CertificateProfile.SMART_ID_PERSON,
                false,
                new EntitySpec.SmartIdDocument(OTHER_DOCUMENT, LocalDate.of(1905, 4, 4), true)));
        pki = TestPki.loadOrCreate(dir, PkiSettings.defaults(), specs, CLOCK);
        verifier = new ResponseVerifier(trusted(), "QUALIFIED", CLOCK);
        person = SmartIdAccounts.of(pki)
                .byDocumentNumber(SmartIdAccounts.OK)
                .orElseThrow()
                .key();
        secondDocument = pki.entity("second-document");
    }

    private static List<X509Certificate> trusted() {
        return List.of(
                pki.entity(SmartIdAccounts.ROOT_CA).certificate(),
                pki.entity(SmartIdAccounts.ISSUING_CA).certificate());
    }

    // 1. interactionTypeUsed

    @Test
    void theGenuineAnswerPasses() throws Exception {
        byte[] digest = sha256("genuine");
        verifier.checkSignature(
                status(signed(person, digest, SmartIdAccounts.OK)),
                SmartIdAccounts.OK,
                person.certificate(),
                digest,
                HashAlgorithm.SHA_256,
                NOTIFICATION,
                PIN_ONLY);
    }

    @Test
    void anOkSignatureWithoutInteractionTypeUsedIsRefused() throws Exception {
        byte[] digest = sha256("no interaction");
        ObjectNode body = signed(person, digest, SmartIdAccounts.OK);
        body.remove("interactionTypeUsed");
        assertRefused(body, digest, PIN_ONLY, Check.PROTOCOL, "interactionTypeUsed is missing");
        body.put("interactionTypeUsed", "");
        assertRefused(body, digest, PIN_ONLY, Check.PROTOCOL, "interactionTypeUsed is missing");
    }

    @Test
    void anInteractionThatWasNeverOfferedIsRefused() throws Exception {
        byte[] digest = sha256("confirmation");
        ObjectNode body = signed(person, digest, SmartIdAccounts.OK);
        body.put("interactionTypeUsed", "confirmationMessage");
        assertRefused(
                body,
                digest,
                PIN_ONLY,
                Check.PROTOCOL,
                "interactionTypeUsed confirmationMessage was not offered [displayTextAndPIN]");
    }

    @Test
    void anyOfferedInteractionIsAccepted() throws Exception {
        byte[] digest = sha256("fallback");
        String both = Interactions.encode(List.of(
                Map.of("type", "confirmationMessage", "displayText200", "Sign invoice 42 of ACME"),
                Map.of("type", "displayTextAndPIN", "displayText60", "Sign invoice 42")));
        assertThat(Interactions.types(both)).containsExactly("confirmationMessage", "displayTextAndPIN");
        for (String used : List.of("confirmationMessage", "displayTextAndPIN")) {
            ObjectNode body = signed(person, digest, SmartIdAccounts.OK);
            body.put("interactionTypeUsed", used);
            verifier.checkSignature(
                    status(body),
                    SmartIdAccounts.OK,
                    person.certificate(),
                    digest,
                    HashAlgorithm.SHA_256,
                    NOTIFICATION,
                    both);
        }
    }

    @Test
    void aCertificateChoiceCarriesNoInteractionAndPassesItsChecks() throws Exception {
        String text = fixture("session-status-ok-certificate-choice.json")
                .replace("${documentNumber}", SmartIdAccounts.OK)
                .replace(
                        "${cert}",
                        Base64.getEncoder().encodeToString(person.certificate().getEncoded()));
        SessionStatus status = SessionStatus.of(JSON.readTree(text));
        assertThat(status.interactionTypeUsed()).isNull();
        verifier.checkCertificate(
                SmartIdClient.certificate(status.certificate()), status.certificateLevel(), status.documentNumber());
    }

    // 2. the document number in subjectAltName

    @Test
    void theCertificateNamesItsDocumentNumber() throws Exception {
        assertThat(ResponseVerifier.documentNumbers(person.certificate())).containsExactly(SmartIdAccounts.OK);
        assertThat(ResponseVerifier.documentNumbers(skDemoCertificate())).containsExactly("PNOEE-40504040001-MOCK-Q");
        verifier.checkCertificate(secondDocument.certificate(), "QUALIFIED", OTHER_DOCUMENT);
    }

    @Test
    void aCertificateOfTheSamePersonsOtherDocumentIsRefused() throws Exception {
        // Same person (serialNumber PNOEE-40504040001), so only the subjectAltName tells them apart.
        assertThatThrownBy(
                        () -> verifier.checkCertificate(secondDocument.certificate(), "QUALIFIED", SmartIdAccounts.OK))
                .isInstanceOfSatisfying(SmartIdResponseException.class, e -> {
                    assertThat(e.check()).isEqualTo(Check.CERTIFICATE);
                    assertThat(e.getMessage())
                            .isEqualTo("certificate belongs to document " + OTHER_DOCUMENT + ", not "
                                    + SmartIdAccounts.OK + " (subjectAltName directoryName CN)");
                });
        // A signing answer whose session was for OK but whose certificate is the other document's.
        byte[] digest = sha256("other document");
        ObjectNode body = signed(secondDocument, digest, SmartIdAccounts.OK);
        assertThatThrownBy(() -> verifier.checkSignature(
                        status(body),
                        SmartIdAccounts.OK,
                        secondDocument.certificate(),
                        digest,
                        HashAlgorithm.SHA_256,
                        NOTIFICATION,
                        PIN_ONLY))
                .isInstanceOfSatisfying(
                        SmartIdResponseException.class,
                        e -> assertThat(e.getMessage()).contains("belongs to document " + OTHER_DOCUMENT));
    }

    // 4. trust configuration

    @Test
    void trustAnchorsOfSelfSignedRootsOnlyFailAtStartUp() {
        assertThatThrownBy(() -> new ResponseVerifier(
                        List.of(pki.entity(SmartIdAccounts.ROOT_CA).certificate()), "QUALIFIED", CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hold only self-signed roots")
                .hasMessageContaining("Signing Suite Sandbox ROOT G1E")
                .hasMessageContaining("add the issuing CA certificates");
        // The issuing CA alone, or with its root, is a working configuration.
        new ResponseVerifier(List.of(pki.entity(SmartIdAccounts.ISSUING_CA).certificate()), "QUALIFIED", CLOCK)
                .checkCertificate(person.certificate(), "QUALIFIED", SmartIdAccounts.OK);
        verifier.checkCertificate(person.certificate(), "QUALIFIED", SmartIdAccounts.OK);
    }

    private void assertRefused(ObjectNode body, byte[] digest, String interactions, Check check, String message) {
        assertThatThrownBy(() -> verifier.checkSignature(
                        status(body),
                        SmartIdAccounts.OK,
                        person.certificate(),
                        digest,
                        HashAlgorithm.SHA_256,
                        NOTIFICATION,
                        interactions))
                .isInstanceOfSatisfying(SmartIdResponseException.class, e -> {
                    assertThat(e.check()).isEqualTo(check);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    private static ObjectNode signed(PkiEntity signer, byte[] digest, String documentNumber) throws Exception {
        PSSSigner pss = PSSSigner.createRawSigner(
                new RSABlindedEngine(), DigestFactory.createSHA256(), DigestFactory.createSHA256(), 32, (byte) 0xbc);
        pss.init(true, PrivateKeyFactory.createKey(signer.privateKey().getEncoded()));
        pss.update(digest, 0, digest.length);
        String text = fixture("session-status-ok-signature.json")
                .replace("${documentNumber}", documentNumber)
                .replace("${signature}", Base64.getEncoder().encodeToString(pss.generateSignature()))
                .replace(
                        "${cert}",
                        Base64.getEncoder().encodeToString(signer.certificate().getEncoded()));
        return (ObjectNode) JSON.readTree(text);
    }

    private static SessionStatus status(ObjectNode body) {
        return SessionStatus.of(body);
    }

    private static String fixture(String name) throws Exception {
        try (InputStream in = ResponseVerifierTest.class.getResourceAsStream("/responses/" + name)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    private static X509Certificate skDemoCertificate() throws Exception {
        try (InputStream in =
                ResponseVerifierTest.class.getResourceAsStream("/certificates/sk-demo-sign-cert-40504040001.pem")) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
    }
}
