package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A remote signing service the suite can ask for a signature value. */
public enum Provider {
    /** SK ID Solutions Smart-ID (v3 API): a person confirms each signature on a phone. */
    SMARTID("smartid", Lane.INTERACTIVE),
    /** LVRTC eParaksts eZīmogs+ cloud seals and signatures. */
    EPARAKSTS("eparaksts", Lane.BULK),
    /** Any Cloud Signature Consortium API v2 service. */
    CSC("csc", Lane.BULK),
    /**
     * GovStack eSignature one-time signing: a key generated in the suite's HSM for one authorised
     * signing and a short-lived certificate for the authenticated person.
     */
    ONETIME("onetime", Lane.INTERACTIVE);

    private final String id;
    private final Lane lane;

    Provider(String id, Lane lane) {
        this.id = id;
        this.lane = lane;
    }

    /** The lowercase id used on the wire, in topic names and in service names. */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * The lane of this provider's documents, decided at the gateway: {@link Lane#INTERACTIVE} where a
     * person waits for the signature, so that a bulk backlog never delays it (ADR 16).
     */
    public Lane lane() {
        return lane;
    }

    /**
     * Returns the provider with the given id (case-insensitive).
     *
     * @throws IllegalArgumentException if no provider has that id
     */
    @JsonCreator
    public static Provider fromId(String id) {
        if (id != null) {
            String wanted = id.toLowerCase(Locale.ROOT);
            for (Provider provider : values()) {
                if (provider.id.equals(wanted)) {
                    return provider;
                }
            }
        }
        throw new IllegalArgumentException(
                "unknown provider '" + id + "'; expected smartid, eparaksts, csc or onetime");
    }
}
