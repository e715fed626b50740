package dev.signingsuite.sandbox.pki;

import static dev.signingsuite.sandbox.pki.KeyKind.EC_P256;
import static dev.signingsuite.sandbox.pki.KeyKind.RSA_2048;
import static dev.signingsuite.sandbox.pki.KeyKind.RSA_3072;

import java.time.Period;
import java.util.List;

/** The entities of the sandbox PKI. Issuers come before the entities they issue. */
public final class SandboxEntities {

    public static final String ROOT_CA = "root-ca";
    public static final String ISSUING_CA = "issuing-ca";
    public static final String SEAL = "seal";
    /** A second QSealC of another organisation: one eParaksts person may hold several seals. */
    public static final String SEAL_LOGISTICS = "seal-logistics";
    /** An ECDSA P-256 QSealC of the invoicing organisation: the CSC simulator's SCAL 2 credential. */
    public static final String SEAL_EC = "seal-ec";
    /** An ECDSA P-256 QSealC of the logistics organisation: the CSC simulator's oauth2code credential. */
    public static final String SEAL_EC_LOGISTICS = "seal-ec-logistics";

    public static final String PERSON_EE = "person-ee";
    public static final String PERSON_LV = "person-lv";
    public static final String REVOKED = "revoked";
    public static final String TSA = "tsa";
    public static final String OCSP = "ocsp";

    private static final Period CA_ROOT = Period.ofYears(20);
    private static final Period CA = Period.ofYears(10);
    private static final Period END_ENTITY = Period.ofYears(3);
    private static final String CA_O = "C=EE, O=Signing Suite Sandbox, ";

    public static final List<EntitySpec> ALL = List.of(
            new EntitySpec(
                    ROOT_CA,
                    null,
                    CA_O + "CN=Signing Suite Sandbox Root CA",
                    RSA_3072,
                    CA_ROOT,
                    CertificateProfile.ROOT_CA,
                    false),
            new EntitySpec(
                    ISSUING_CA,
                    ROOT_CA,
                    CA_O + "CN=Signing Suite Sandbox Issuing CA",
                    RSA_2048,
                    CA,
                    CertificateProfile.ISSUING_CA,
                    false),
            new EntitySpec(
                    SEAL,
                    ISSUING_CA,
                    "C=LV, organizationIdentifier=NTRLV-40003000001, O=Sandbox Invoicing SIA, CN=Sandbox Invoicing SIA",
                    RSA_2048,
                    END_ENTITY,
                    CertificateProfile.QUALIFIED_SEAL,
                    false),
            new EntitySpec(
                    SEAL_LOGISTICS,
                    ISSUING_CA,
                    "C=LV, organizationIdentifier=NTRLV-40003000002, O=Sandbox Logistics SIA, CN=Sandbox Logistics SIA",
                    RSA_2048,
                    END_ENTITY,
                    CertificateProfile.QUALIFIED_SEAL,
                    false),
            new EntitySpec(
                    SEAL_EC,
                    ISSUING_CA,
                    "C=LV, organizationIdentifier=NTRLV-40003000001, O=Sandbox Invoicing SIA, CN=Sandbox Invoicing SIA EC",
                    EC_P256,
                    END_ENTITY,
                    CertificateProfile.QUALIFIED_SEAL,
                    false),
            new EntitySpec(
                    SEAL_EC_LOGISTICS,
                    ISSUING_CA,
                    "C=LV, organizationIdentifier=NTRLV-40003000002, O=Sandbox Logistics SIA, CN=Sandbox Logistics SIA EC",
                    EC_P256,
                    END_ENTITY,
                    CertificateProfile.QUALIFIED_SEAL,
                    false),
            person(PERSON_EE, "EE", "OK", "PNOEE-30303039914", false),
            person(PERSON_LV, "LV", "OK", "PNOLV-030303-10004", false),
            person(REVOKED, "EE", "REVOKED", "PNOEE-30303039903", true),
            new EntitySpec(
                    TSA,
                    ISSUING_CA,
                    CA_O + "CN=Signing Suite Sandbox TSA",
                    RSA_2048,
                    END_ENTITY,
                    CertificateProfile.TIME_STAMPING,
                    false),
            new EntitySpec(
                    OCSP,
                    ISSUING_CA,
                    CA_O + "CN=Signing Suite Sandbox OCSP Responder",
                    RSA_2048,
                    END_ENTITY,
                    CertificateProfile.OCSP_RESPONDER,
                    false));

    private SandboxEntities() {}

    // Smart-ID's subject order and its "SURNAME,GIVENNAME" common name.
    private static EntitySpec person(String name, String country, String givenName, String serial, boolean revoked) {
        String subject = "C=" + country + ", CN=TESTNUMBER\\," + givenName + ", SURNAME=TESTNUMBER, GIVENNAME="
                + givenName + ", SERIALNUMBER=" + serial;
        return new EntitySpec(
                name, ISSUING_CA, subject, RSA_2048, END_ENTITY, CertificateProfile.QUALIFIED_PERSON, revoked);
    }
}
