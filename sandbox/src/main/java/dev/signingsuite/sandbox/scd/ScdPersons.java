package dev.signingsuite.sandbox.scd;

import dev.signingsuite.sandbox.idp.IdpPersons;
import java.util.Map;

/**
 * The PINs the identity provider's test persons chose when they onboarded with the remote SCD
 * service. Test values, like the persons' passwords: the sandbox is no device for real persons.
 */
public final class ScdPersons {

    /** The PIN of {@link IdpPersons#ONE_TIME}'s devices. */
    public static final String ONE_TIME_PIN = "246810";

    /** The PIN of {@link IdpPersons#OTHER}'s devices. */
    public static final String OTHER_PIN = "135790";

    static final Map<String, String> DEFAULT_PINS = Map.of(
            IdpPersons.ONE_TIME.identifier(), ONE_TIME_PIN,
            IdpPersons.OTHER.identifier(), OTHER_PIN);

    private ScdPersons() {}
}
