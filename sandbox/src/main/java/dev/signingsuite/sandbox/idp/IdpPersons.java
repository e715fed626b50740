package dev.signingsuite.sandbox.idp;

import java.util.List;
import java.util.Optional;

/**
 * The identity provider's test persons. Test credentials, like the simulators' clients': the
 * sandbox is never an identity provider for real persons.
 */
public final class IdpPersons {

    /**
     * One test person.
     *
     * @param identifier the national identifier in the ETSI EN 319 412-1 semantics (the login name
     *     and the ID token's {@code sub} and {@code serial_number})
     * @param givenName the ID token's {@code given_name}; {@code name} is given and family name
     * @param refused why the identity provider refuses this person's logins ({@code access_denied}
     *     back to the client after a correct password), or null
     */
    public record Person(String identifier, String givenName, String familyName, String password, String refused) {

        public String name() {
            return givenName + " " + familyName;
        }
    }

    /** The one-time signing test person the standalone's {@code seal --provider onetime} signs for. */
    public static final Person ONE_TIME = new Person("PNOLV-010101-10006", "ONE", "TIME", "onetime-sandbox", null);

    /** A second person who may log in: an ID token for someone other than the signer named. */
    public static final Person OTHER = new Person("PNOEE-30303039914", "OTHER", "PERSON", "other-sandbox", null);

    /** A person whose login the identity provider refuses (a suspended eID, say). */
    public static final Person REFUSED = new Person(
            "PNOLV-020202-20002",
            "REFUSED",
            "PERSON",
            "refused-sandbox",
            "the identity provider suspended this person's electronic identity");

    static final List<Person> ALL = List.of(ONE_TIME, OTHER, REFUSED);

    static Optional<Person> find(String identifier) {
        return ALL.stream().filter(p -> p.identifier().equals(identifier)).findFirst();
    }

    private IdpPersons() {}
}
