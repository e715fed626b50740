package dev.signingsuite.sandbox.pki;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * One entity of the test PKI: adding an entity to {@link SandboxEntities#ALL} is one line.
 *
 * @param name file name stem and lookup key ({@code TestPki#entity(String)})
 * @param issuer name of the issuing entity, or {@code null} for the self-signed root
 * @param subject subject DN in BouncyCastle order (the first RDN is encoded first)
 * @param keyKind the entity's own key
 * @param validity how long the certificate is valid, counted from one day before generation
 * @param profile which extensions the certificate carries
 * @param revoked whether the PKI's registry marks it revoked (keyCompromise) at generation
 * @param smartId the Smart-ID account of a {@link CertificateProfile#SMART_ID_PERSON}, else null
 */
public record EntitySpec(
        String name,
        String issuer,
        String subject,
        KeyKind keyKind,
        Period validity,
        CertificateProfile profile,
        boolean revoked,
        SmartIdDocument smartId) {

    /**
     * What a Smart-ID certificate says of its account beyond the subject.
     *
     * @param documentNumber written as the subjectAltName directoryName {@code CN=<documentNumber>}
     * @param dateOfBirth the subjectDirectoryAttributes dateOfBirth, or null for none
     * @param qualified QUALIFIED (qualified policies and QC statements) or ADVANCED (neither)
     * @param authentication an authentication certificate (digitalSignature, Smart-ID's
     *     authentication EKU) instead of a signing one
     * @param keyName the entity whose key this certificate certifies too, or null for its own
     */
    public record SmartIdDocument(
            String documentNumber, LocalDate dateOfBirth, boolean qualified, boolean authentication, String keyName) {
        public SmartIdDocument {
            Objects.requireNonNull(documentNumber, "documentNumber");
        }

        /** A signing certificate with its own key. */
        public SmartIdDocument(String documentNumber, LocalDate dateOfBirth, boolean qualified) {
            this(documentNumber, dateOfBirth, qualified, false, null);
        }
    }

    /** The name the entity's key is generated (or found in the key cache) under. */
    String keyName() {
        return smartId != null && smartId.keyName() != null ? smartId.keyName() : name;
    }

    /** An entity that is not a Smart-ID person. */
    public EntitySpec(
            String name,
            String issuer,
            String subject,
            KeyKind keyKind,
            Period validity,
            CertificateProfile profile,
            boolean revoked) {
        this(name, issuer, subject, keyKind, validity, profile, revoked, null);
    }

    public EntitySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(keyKind, "keyKind");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(profile, "profile");
        if (!name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("name must be lowercase letters, digits and '-': " + name);
        }
        if ((issuer == null) != (profile == CertificateProfile.ROOT_CA)) {
            throw new IllegalArgumentException("only the root CA is self-signed: " + name);
        }
        if ((smartId != null) != (profile == CertificateProfile.SMART_ID_PERSON)) {
            throw new IllegalArgumentException("a Smart-ID person, and only one, names its document: " + name);
        }
    }

    boolean selfSigned() {
        return issuer == null;
    }
}
