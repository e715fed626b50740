package dev.signingsuite.provider.onetime.enrolment;

import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The person a one-time certificate is issued to.
 *
 * @param identifier the national identifier in the ETSI EN 319 412-1 semantics: {@code PNO}, the
 *     country, a hyphen and the personal code, e.g. {@code PNOLV-010101-10006}
 * @param name the person's name as the identity provider gave it
 */
public record Person(String identifier, String name) {

    private static final Pattern IDENTIFIER = Pattern.compile("PNO([A-Z]{2})-[0-9A-Za-z-]{1,60}");

    public Person {
        if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException(
                    "a one-time signer is named by an ETSI EN 319 412-1 identifier such as PNOLV-010101-10006");
        }
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("a one-time signer needs a name");
        }
    }

    /**
     * The signer configuration's identity: {@code PNOLV-010101-10006/ONE TIME}, the identifier and the
     * name (taken from the request while no identity provider authenticates the person).
     */
    public static Optional<Person> parse(String identity) {
        int slash = identity == null ? -1 : identity.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Person(
                    identity.substring(0, slash), identity.substring(slash + 1).strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The certificate's subject: country, serialNumber and common name (ETSI EN 319 412-2 4.2.4). */
    public X500Name subject() {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, identifier.substring(3, 5))
                .addRDN(BCStyle.SERIALNUMBER, identifier)
                .addRDN(BCStyle.CN, name)
                .build();
    }

    /** The identifier with the personal code cut short: what logs and audit lines may show. */
    public String masked() {
        return identifier.substring(0, Math.min(identifier.length(), 9)) + "…";
    }
}
