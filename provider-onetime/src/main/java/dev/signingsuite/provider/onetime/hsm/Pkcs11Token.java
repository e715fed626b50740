package dev.signingsuite.provider.onetime.hsm;

import java.io.IOException;
import java.nio.file.Files;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.UnrecoverableKeyException;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.login.LoginException;

/**
 * A PKCS#11 token through the JDK's SunPKCS11 provider, logged in with the user PIN: where one-time
 * keys are generated ({@link #generate()}) and destroyed.
 */
public final class Pkcs11Token implements AutoCloseable {

    static final String ALIAS_PREFIX = "onetime-";

    // SunPKCS11 registers each configured instance under its name: one name per opened token.
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Provider provider;
    private final KeyStore keyStore;
    private final String label;
    private final Clock clock;

    private Pkcs11Token(Provider provider, KeyStore keyStore, String label, Clock clock) {
        this.provider = provider;
        this.keyStore = keyStore;
        this.label = label;
        this.clock = clock;
    }

    /**
     * Loads the library, opens the slot and logs in; destroys the one-time keys a stopped instance
     * left behind.
     *
     * @throws HsmUnavailable when the library is missing, the slot has no token or the PIN is refused
     */
    public static Pkcs11Token open(HsmProperties properties, Clock clock) {
        if (!Files.isReadable(properties.library())) {
            throw new HsmUnavailable(
                    "no PKCS#11 library at " + properties.library()
                            + ": install Debian's softhsm2 (apt-get install softhsm2) or set"
                            + " signing.onetime.hsm.library to your HSM's PKCS#11 library",
                    null);
        }
        Provider provider;
        try {
            provider = Security.getProvider("SunPKCS11")
                    .configure(properties.sunPkcs11Configuration("onetime-" + INSTANCES.incrementAndGet()));
        } catch (ProviderException e) {
            throw new HsmUnavailable(
                    "the PKCS#11 library " + properties.library() + " has no usable token in "
                            + (properties.slot() != null
                                    ? "slot " + properties.slot()
                                    : "slot list index " + properties.slotListIndex())
                            + ": initialise one (softhsm2-util --init-token) or set signing.onetime.hsm.slot",
                    e);
        }
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, properties.pin().toCharArray());
            Pkcs11Token token = new Pkcs11Token(provider, keyStore, properties.token(), clock);
            token.destroyLeftovers();
            return token;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new HsmUnavailable(
                        "the token " + properties.token() + " refused the PIN: check signing.onetime.hsm.pin", e);
            }
            throw new HsmUnavailable("cannot log in to the token " + properties.token() + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new HsmUnavailable("cannot open the token " + properties.token() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Generates a P-256 key pair in the token: the private key is sensitive and not extractable, a
     * token object bound at once to a placeholder certificate so that {@link OneTimeKey#close()} can
     * always destroy it.
     */
    public OneTimeKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return OneTimeKey.bound(
                    generator.generateKeyPair(), ALIAS_PREFIX + UUID.randomUUID(), keyStore, provider, clock);
        } catch (GeneralSecurityException e) {
            throw new HsmUnavailable("the token " + label + " cannot generate a P-256 key: " + e.getMessage(), e);
        }
    }

    /** The aliases of the one-time keys in the token now. */
    public List<String> oneTimeKeys() {
        try {
            List<String> keys = new ArrayList<>();
            for (String alias : Collections.list(keyStore.aliases())) {
                if (alias.startsWith(ALIAS_PREFIX)) {
                    keys.add(alias);
                }
            }
            return keys;
        } catch (KeyStoreException e) {
            throw new HsmUnavailable("cannot list the token " + label + ": " + e.getMessage(), e);
        }
    }

    /** The token's label, as the audit names it. */
    public String label() {
        return label;
    }

    /**
     * Logs out. PKCS#11 keeps one login per application and token, so that a further {@link #open}
     * in this process would not check its PIN while this one is logged in.
     */
    @Override
    public void close() {
        try {
            ((AuthProvider) provider).logout();
        } catch (LoginException e) {
            throw new HsmUnavailable("cannot log out of the token " + label + ": " + e.getMessage(), e);
        }
    }

    private void destroyLeftovers() throws KeyStoreException {
        for (String alias : oneTimeKeys()) {
            keyStore.deleteEntry(alias);
        }
    }
}
