package dev.signingsuite.sandbox.scd;

import dev.signingsuite.sandbox.csc.CredentialKey;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.login.LoginException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * One person's signing device: a SoftHSM2 token of its own, initialised with the person's PIN as
 * its user PIN, holding one P-256 key. The token, not the sandbox, checks the PIN: every use logs
 * out first and logs in with the PIN given, so a wrong PIN never finds the token unlocked.
 *
 * <p>SoftHSM2 reads its token directory when its library is initialised, once per loaded library:
 * a token made later by {@code softhsm2-util} is invisible to it. Each device therefore loads its
 * own copy of the library (a different file is a different library to the dynamic loader).
 */
final class DeviceToken implements CredentialKey {

    static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final String ALIAS = "device";
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

    private final Provider provider;
    private final KeyStore keyStore;
    private volatile List<X509Certificate> chain = List.of();

    private DeviceToken(Provider provider, KeyStore keyStore) {
        this.provider = provider;
        this.keyStore = keyStore;
    }

    /**
     * Initialises the person's token and generates the key in it; the token stays unlocked for the
     * certification request, then the caller {@link #lock()}s it.
     *
     * @param work where the library copy goes
     * @throws IllegalStateException when SoftHSM2 is missing or refuses
     */
    static DeviceToken create(String deviceId, String pin, Path work, Instant now) {
        if (!Files.isReadable(LIBRARY)) {
            throw new IllegalStateException("no " + LIBRARY + ": install Debian's softhsm2");
        }
        try {
            // Where SOFTHSM2_CONF says, written if missing; unset, the service cannot work.
            SoftHsmDirectory.prepare();
            // A label has at most 32 characters: the device id's hex digits.
            long slot = initialise(deviceId.replace("-", ""), pin);
            Files.createDirectories(work);
            Path library = work.resolve("softhsm2-" + deviceId + ".so");
            Files.copy(LIBRARY, library, StandardCopyOption.REPLACE_EXISTING);
            Provider provider = Security.getProvider("SunPKCS11").configure(configuration(deviceId, library, slot));
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, pin.toCharArray());
            DeviceToken token = new DeviceToken(provider, keyStore);
            token.generate(now);
            return token;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the device's token: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Builds the PKCS#10 request for {@code subject}, signed in the token: needs {@link #unlock} first. */
    synchronized byte[] certificationRequest(X500Name subject) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(provider)
                    .build(privateKey());
            return new JcaPKCS10CertificationRequestBuilder(
                            subject, chainOrPlaceholder().getPublicKey())
                    .build(signer)
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("the device's token cannot sign the request: " + e.getMessage(), e);
        }
    }

    /** Stores the issued certificate and its issuers beside the key, as a real device keeps them. */
    synchronized void certified(List<X509Certificate> issued, String pin) {
        if (!issued.get(0).getPublicKey().equals(chainOrPlaceholder().getPublicKey())) {
            throw new IllegalArgumentException("the certificate is not for this device's key");
        }
        if (!unlock(pin)) {
            throw new IllegalStateException("the device's token refused its person's PIN");
        }
        try {
            keyStore.setKeyEntry(ALIAS, privateKey(), null, issued.toArray(X509Certificate[]::new));
            chain = List.copyOf(issued);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot store the certificate in the device's token", e);
        } finally {
            lock();
        }
    }

    @Override
    public X509Certificate certificate() {
        return chain.get(0);
    }

    @Override
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The key in the token; usable only while the token is unlocked. */
    @Override
    public synchronized PrivateKey privateKey() {
        try {
            return (PrivateKey) keyStore.getKey(ALIAS, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the device's token holds no key", e);
        }
    }

    @Override
    public Provider provider() {
        return provider;
    }

    @Override
    public boolean needsPin() {
        return true;
    }

    /** Logs out, then logs in with {@code pin}: true when the token accepted it; it stays unlocked. */
    @Override
    public synchronized boolean unlock(String pin) {
        lock();
        try {
            keyStore.load(null, pin.toCharArray());
            return true;
        } catch (IOException | GeneralSecurityException e) {
            return false;
        }
    }

    synchronized void lock() {
        try {
            ((AuthProvider) provider).logout();
        } catch (LoginException e) {
            // Not logged in: nothing to lock.
        }
    }

    private void generate(Instant now) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        // SunPKCS11 keeps a private key in its KeyStore only with a certificate: a self-signed
        // placeholder until the CA's certificate comes.
        X500Name name = new X500Name("CN=device key");
        try {
            X509Certificate placeholder = new JcaX509CertificateConverter()
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    name,
                                    BigInteger.ONE,
                                    Date.from(now),
                                    Date.from(now.plusSeconds(3600)),
                                    name,
                                    pair.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withECDSA")
                                    .setProvider(provider)
                                    .build(pair.getPrivate())));
            keyStore.setKeyEntry(ALIAS, pair.getPrivate(), null, new X509Certificate[] {placeholder});
        } catch (Exception e) {
            throw new GeneralSecurityException("cannot keep the key in the token: " + e.getMessage(), e);
        }
    }

    private X509Certificate chainOrPlaceholder() {
        try {
            return (X509Certificate) keyStore.getCertificate(ALIAS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long initialise(String label, String pin) throws IOException, InterruptedException {
        Process init = new ProcessBuilder(
                        "softhsm2-util",
                        "--init-token",
                        "--free",
                        "--label",
                        label,
                        "--so-pin",
                        // The security officer is never needed: the device has no PIN reset.
                        java.util.UUID.randomUUID().toString().substring(0, 16),
                        "--pin",
                        pin)
                .redirectErrorStream(true)
                .start();
        String output = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (init.waitFor() != 0) {
            throw new IOException("softhsm2-util --init-token failed: " + output.strip());
        }
        Matcher slot = SLOT.matcher(output);
        if (!slot.find()) {
            throw new IOException("softhsm2-util named no slot: " + output.strip());
        }
        return Long.parseLong(slot.group(1));
    }

    // The private key is a sensitive, non-extractable token object: it outlives the session.
    private static String configuration(String deviceId, Path library, long slot) {
        return "--name=scd-" + deviceId + "\nlibrary=" + library.toAbsolutePath() + "\nslot=" + slot + "\n" + """
                attributes(generate, CKO_PRIVATE_KEY, *) = {
                  CKA_TOKEN = true
                  CKA_PRIVATE = true
                  CKA_SENSITIVE = true
                  CKA_EXTRACTABLE = false
                  CKA_SIGN = true
                }
                attributes(generate, CKO_PUBLIC_KEY, *) = {
                  CKA_TOKEN = false
                }
                """;
    }
}
