package dev.signingsuite.sandbox.smartid;

import dev.signingsuite.sandbox.pki.CertificateProfile;
import dev.signingsuite.sandbox.pki.EntitySpec;
import dev.signingsuite.sandbox.pki.KeyKind;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.sandbox.pki.TestPki;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The demo accounts of the Smart-ID DEMO environment (reference §1.3) the simulator knows, each with
 * its own RSA key and certificate issued by the sandbox's issuing CA, and the outcome its simulated
 * person always gives.
 */
public final class SmartIdAccounts {

    /**
     * One account.
     *
     * @param documentNumber e.g. {@code PNOEE-40504040001-DEM0-Q}
     * @param endResult what the person does: OK, USER_REFUSED, WRONG_VC, TIMEOUT, …
     * @param interaction {@code result.details.interaction} of USER_REFUSED_INTERACTION, else null
     * @param level QUALIFIED or ADVANCED
     */
    public record Account(String documentNumber, String endResult, String interaction, String level, PkiEntity key) {

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

    private static final List<String[]> TABLE = List.of(
            new String[] {OK, "OK", null, "QUALIFIED"},
            new String[] {OK_ADULT, "OK", null, "QUALIFIED"},
            new String[] {OK_NQ, "OK", null, "ADVANCED"},
            new String[] {DEVICE_LINK, "OK", null, "QUALIFIED"},
            new String[] {USER_REFUSED, "USER_REFUSED", null, "QUALIFIED"},
            new String[] {REFUSED_DISPLAY_TEXT, "USER_REFUSED_INTERACTION", "displayTextAndPIN", "QUALIFIED"},
            new String[] {REFUSED_VC_CHOICE, "USER_REFUSED_INTERACTION", "verificationCodeChoice", "QUALIFIED"},
            new String[] {REFUSED_CONFIRMATION, "USER_REFUSED_INTERACTION", "confirmationMessage", "QUALIFIED"},
            new String[] {
                REFUSED_CONFIRMATION_VC,
                "USER_REFUSED_INTERACTION",
                "confirmationMessageAndVerificationCodeChoice",
                "QUALIFIED"
            },
            new String[] {WRONG_VC, "WRONG_VC", null, "QUALIFIED"},
            new String[] {TIMEOUT, "TIMEOUT", null, "QUALIFIED"});

    private final Map<String, Account> byDocument;

    private SmartIdAccounts(Map<String, Account> byDocument) {
        this.byDocument = byDocument;
    }

    /** The sandbox entities followed by one person entity per account, for {@code TestPki.loadOrCreate}. */
    public static List<EntitySpec> withAccounts(List<EntitySpec> entities) {
        List<EntitySpec> specs = new ArrayList<>(entities);
        for (String[] row : TABLE) {
            specs.add(person(row[0]));
        }
        return specs;
    }

    /** The accounts of a PKI generated from {@link #withAccounts}: its OCSP responder then knows them. */
    public static SmartIdAccounts of(TestPki pki) {
        Map<String, Account> accounts = new LinkedHashMap<>();
        for (String[] row : TABLE) {
            accounts.put(row[0], new Account(row[0], row[1], row[2], row[3], pki.entity(entityName(row[0]))));
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
        return "smartid-" + etsiIdOf(documentNumber).toLowerCase(Locale.ROOT);
    }

    // Smart-ID's subject: C, CN "SURNAME,GIVENNAME", SN, GN and serialNumber = the ETSI id.
    private static EntitySpec person(String documentNumber) {
        String etsiId = etsiIdOf(documentNumber);
        String country = etsiId.substring(3, 5);
        String subject =
                "C=" + country + ", CN=TESTNUMBER\\,OK, SURNAME=TESTNUMBER, GIVENNAME=OK, SERIALNUMBER=" + etsiId;
        return new EntitySpec(
                entityName(documentNumber),
                SandboxEntities.ISSUING_CA,
                subject,
                KeyKind.RSA_2048,
                Period.ofYears(3),
                CertificateProfile.QUALIFIED_PERSON,
                false);
    }
}
