package dev.signingsuite.sandbox.pki;

/** The shape of a certificate: which extensions it carries (see {@code CertificateExtensions}). */
public enum CertificateProfile {
    /** Self-signed root: CA, keyCertSign and cRLSign, SKI. */
    ROOT_CA,
    /** Issuing CA under the root: CA with pathLen 0, AKI and SKI. */
    ISSUING_CA,
    /** Qualified electronic seal certificate of a legal person (QSealC on a QSCD). */
    QUALIFIED_SEAL,
    /** Qualified signature certificate of a natural person, shaped like Smart-ID's. */
    QUALIFIED_PERSON,
    /**
     * A Smart-ID person's signing certificate as SK issues it under EID-Q 2024E: basicConstraints
     * CA:false, AIA, the document number in subjectAltName, SK's policies, dateOfBirth, QC statements
     * (semantics identifier, QcCompliance, QcSSCD, QcType esign, QcPDS), a CRL distribution point and
     * a critical nonRepudiation key usage; ADVANCED accounts get the non-qualified policies and no QC
     * statements.
     */
    SMART_ID_PERSON,
    /** RFC 3161 time-stamping unit: critical EKU id-kp-timeStamping. */
    TIME_STAMPING,
    /** Authorised OCSP responder of its issuer: EKU id-kp-OCSPSigning and id-pkix-ocsp-nocheck. */
    OCSP_RESPONDER
}
