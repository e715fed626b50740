package dev.signingsuite.sandbox.smartid;

import dev.signingsuite.sandbox.pki.CertificateProfile;
import dev.signingsuite.sandbox.pki.EntitySpec;
import dev.signingsuite.sandbox.pki.KeyKind;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.TestPki;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The demo accounts of the Smart-ID DEMO environment (reference §1.3) the simulator knows, each with
 * its own RSA-6144 key and a certificate shaped like SK's, issued by the sandbox's ECDSA Smart-ID
 * CA, and the outcome its simulated person always gives.
 */
public final class SmartIdAccounts {

    /**
     * One account.
     *
     * @param documentNumber e.g. {@code PNOEE-40504040001-DEM0-Q}
     * @param endResult what the person does: OK, USER_REFUSED, WRONG_VC, TIMEOUT, …
     * @param interaction {@code result.details.interaction} of USER_REFUSED_INTERACTION, else null
     * @param level QUALIFIED or ADVANCED
     * @param key the signing certificate and its key
     * @param authenticationKey the authentication certificate; it certifies the same key as {@code
     *     key} (real accounts have two keys; one RSA-6144 generation per account keeps the first
     *     start of a data directory short)
     */
    public record Account(
            String documentNumber,
            String endResult,
            String interaction,
            String level,
            PkiEntity key,
            PkiEntity authenticationKey) {

        /** The ETSI semantics identifier: the document number without its last two parts. */
        public String etsiId() {
            return etsiIdOf(documentNumber);
        }
    }

    public static final String OK = "PNOEE-40504040001-DEM0-Q";
    public static final String OK_ADULT = "PNOEE-50001029996-DEMO-Q";
    public static final String OK_NQ = "PNOLT-40504049999-MOCK-NQ";
    public static final String USER_REFUSED = "PNOEE-30403039917-MOCK-Q";
    public static final String REFUSED_DISPLAY_TEXT = "PNOEE-30403039928-MOCK-Q";
    public static final String REFUSED_VC_CHOICE = "PNOEE-30403039939-MOCK-Q";
    public static final String REFUSED_CONFIRMATION = "PNOEE-30403039946-MOCK-Q";
    public static final String REFUSED_CONFIRMATION_VC = "PNOEE-30403039950-MOCK-Q";
    public static final String WRONG_VC = "PNOEE-30403039972-MOCK-Q";
    public static final String TIMEOUT = "PNOEE-30403039983-MOCK-Q";
    /** Device-link demo account (adult): OK once a correct link is scanned. */
    public static final String DEVICE_LINK = "PNOEE-40404040009-MOCK-Q";

    /** SK's "ROOT G1E"-like ECDSA P-384 root of the Smart-ID certificates. */
    public static final String ROOT_CA = "smartid-root-g1e";
    /** The "EID-Q 2024E"-like ECDSA P-384 issuing CA of every account's certificate (ecdsa-with-SHA384). */
    public static final String ISSUING_CA = "smartid-eid-q-2024e";
    /** The authorised OCSP responder of {@link #ISSUING_CA}; the sandbox's {@code /ocsp} signs with it. */
    public static final String OCSP = "smartid-ocsp";

    // document number, outcome, refused interaction, level, given name
    private static final List<String[]> TABLE = List.of(
            new String[] {OK, "OK", null, "QUALIFIED", "OK"},
            new String[] {OK_ADULT, "OK", null, "QUALIFIED", "ADULT"},
            new String[] {OK_NQ, "OK", null, "ADVANCED", "NQ"},
            new String[] {DEVICE_LINK, "OK", null, "QUALIFIED", "DEVICELINK"},
            new String[] {USER_REFUSED, "USER_REFUSED", null, "QUALIFIED", "REFUSED"},
            new String[] {
                REFUSED_DISPLAY_TEXT, "USER_REFUSED_INTERACTION", "displayTextAndPIN", "QUALIFIED", "DISPLAYTEXT"
            },
            new String[] {
                REFUSED_VC_CHOICE, "USER_REFUSED_INTERACTION", "verificationCodeChoice", "QUALIFIED", "VCCHOICE"
            },
            new String[] {
                REFUSED_CONFIRMATION, "USER_REFUSED_INTERACTION", "confirmationMessage", "QUALIFIED", "CONFIRMATION"
            },
            new String[] {
                REFUSED_CONFIRMATION_VC,
                "USER_REFUSED_INTERACTION",
                "confirmationMessageAndVerificationCodeChoice",
                "QUALIFIED",
                "CONFIRMATIONVC"
            },
            new String[] {WRONG_VC, "WRONG_VC", null, "QUALIFIED", "WRONGVC"},
            new String[] {TIMEOUT, "TIMEOUT", null, "QUALIFIED", "TIMEOUT"});

    private static final String SK_LIKE = ", organizationIdentifier=NTREE-10000000, O=Signing Suite Sandbox, C=EE";

    private final Map<String, Account> byDocument;

    private SmartIdAccounts(Map<String, Account> byDocument) {
        this.byDocument = byDocument;
    }

    /**
     * The sandbox entities followed by Smart-ID's own PKI, for {@code TestPki.loadOrCreate}: an ECDSA
     * root, an ECDSA "EID-Q 2024E" issuing CA and its OCSP responder, and one person entity per
     * account with an RSA-6144 key (generated once, see {@code KeyCache}).
     */
    public static List<EntitySpec> withAccounts(List<EntitySpec> entities) {
        List<EntitySpec> specs = new ArrayList<>(entities);
        specs.add(new EntitySpec(
                ROOT_CA,
                null,
                "CN=Signing Suite Sandbox ROOT G1E" + SK_LIKE,
                KeyKind.EC_P384,
                Period.ofYears(20),
                CertificateProfile.ROOT_CA,
                false));
        specs.add(new EntitySpec(
                ISSUING_CA,
                ROOT_CA,
                "CN=TEST of Signing Suite Sandbox EID-Q 2024E" + SK_LIKE,
                KeyKind.EC_P384,
                Period.ofYears(10),
                CertificateProfile.ISSUING_CA,
                false));
        specs.add(new EntitySpec(
                OCSP,
                ISSUING_CA,
                "CN=TEST of Signing Suite Sandbox EID-Q 2024E OCSP RESPONDER" + SK_LIKE,
                KeyKind.EC_P384,
                Period.ofYears(3),
                CertificateProfile.OCSP_RESPONDER,
                false));
        for (String[] row : TABLE) {
            specs.add(person(row[0], row[4], "QUALIFIED".equals(row[3]), false));
            specs.add(person(row[0], row[4], "QUALIFIED".equals(row[3]), true));
        }
        return specs;
    }

    /** The accounts of a PKI generated from {@link #withAccounts}: its OCSP responder then knows them. */
    public static SmartIdAccounts of(TestPki pki) {
        Map<String, Account> accounts = new LinkedHashMap<>();
        for (String[] row : TABLE) {
            accounts.put(
                    row[0],
                    new Account(
                            row[0],
                            row[1],
                            row[2],
                            row[3],
                            pki.entity(entityName(row[0])),
                            pki.entity(entityName(row[0]) + "-auth")));
        }
        return new SmartIdAccounts(accounts);
    }

    public Optional<Account> byDocumentNumber(String documentNumber) {
        return Optional.ofNullable(byDocument.get(documentNumber));
    }

    /** The first account of the person with this ETSI id (the real service picks by the person's choice). */
    public Optional<Account> byEtsiId(String etsiId) {
        return byDocument.values().stream()
                .filter(a -> a.etsiId().equals(etsiId))
                .findFirst();
    }

    public List<Account> all() {
        return List.copyOf(byDocument.values());
    }

    static String etsiIdOf(String documentNumber) {
        int last = documentNumber.lastIndexOf('-');
        int second = last < 0 ? -1 : documentNumber.lastIndexOf('-', last - 1);
        return second < 0 ? documentNumber : documentNumber.substring(0, second);
    }

    private static String entityName(String documentNumber) {
        // "smartid-person-": the RSA-2048 entities of older data directories were "smartid-<id>".
        return "smartid-person-" + etsiIdOf(documentNumber).toLowerCase(Locale.ROOT);
    }

    // Smart-ID's subject: C, CN "SURNAME,GIVENNAME", SN, GN and serialNumber = the ETSI id.
    private static EntitySpec person(String documentNumber, String givenName, boolean qualified, boolean auth) {
        String etsiId = etsiIdOf(documentNumber);
        String country = etsiId.substring(3, 5);
        String subject = "C=" + country + ", CN=TESTNUMBER\\," + givenName + ", SURNAME=TESTNUMBER, GIVENNAME="
                + givenName + ", SERIALNUMBER=" + etsiId;
        String signing = entityName(documentNumber);
        return new EntitySpec(
                auth ? signing + "-auth" : signing,
                ISSUING_CA,
                subject,
                KeyKind.RSA_6144,
                Period.ofYears(3),
                CertificateProfile.SMART_ID_PERSON,
                false,
                new EntitySpec.SmartIdDocument(
                        documentNumber, dateOfBirth(etsiId), qualified, auth, auth ? signing : null));
    }

    /**
     * The date of birth in an Estonian or Lithuanian personal code ({@code PNOEE-40504040001}: 4 =
     * born in the 1900s, then YYMMDD), as SK writes it into the certificate; null for other codes.
     */
    static LocalDate dateOfBirth(String etsiId) {
        String code = etsiId.substring(etsiId.indexOf('-') + 1);
        if (!(etsiId.startsWith("PNOEE-") || etsiId.startsWith("PNOLT-")) || !code.matches("[1-6][0-9]{10}")) {
            return null;
        }
        int century = 1800 + (code.charAt(0) - '1') / 2 * 100;
        try {
            return LocalDate.of(
                    century + Integer.parseInt(code.substring(1, 3)),
                    Integer.parseInt(code.substring(3, 5)),
                    Integer.parseInt(code.substring(5, 7)));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
