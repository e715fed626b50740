package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.sandbox.pki.PkiEntity;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.x509.CertificateToken;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider that implements nothing but the port, signing with a key of the sandbox's test PKI as a
 * remote service would: it sees digests only. Signer identities pick its behaviour: {@link #SEAL}
 * signs, {@link #WRONG_VALUE} answers a value over another digest, {@link #PERSON} waits until
 * {@link #release()}, {@link #ABSENT_PERSON} waits for ever, {@link #UNAVAILABLE} finds the service away, anything else is refused as unknown.
 */
final class TestOnlySigner implements RemoteSigner {

    static final String SEAL = "seal";
    static final String WRONG_VALUE = "wrong-value";
    static final String PERSON = "person";
    static final String UNAVAILABLE = "unavailable";
    /** Waits for a person who never approves (release() does not help). */
    static final String ABSENT_PERSON = "absent-person";

    static final int MAX_BATCH_SIZE = 3;

    // DER DigestInfo prefix of SHA-256 (RFC 8017 §9.2 note 1): RSA PKCS#1 v1.5 over a given digest.
    private static final byte[] SHA256_DIGEST_INFO = HexFormat.of().parseHex("3031300d060960864801650304020105000420");

    private final PkiEntity seal;
    private final List<Integer> calls = new CopyOnWriteArrayList<>();
    private final AtomicBoolean released = new AtomicBoolean();
    private final AtomicBoolean releasesWhenAsked = new AtomicBoolean();
    private final AtomicInteger failingCall = new AtomicInteger();

    TestOnlySigner(PkiEntity seal) {
        this.seal = seal;
    }

    @Override
    public String name() {
        return "test-only";
    }

    @Override
    public Duration recheck() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Resolution resolve(HashComputed document) {
        String identity = document.signer().identity();
        if (identity.equals(UNAVAILABLE)) {
            throw SignerWaits.unavailable("HTTP 503 for " + document.documentId());
        }
        if (identity.equals(ABSENT_PERSON) || (identity.equals(PERSON) && !released.get())) {
            return new Resolution.Waits("the person has not approved yet");
        }
        if (!List.of(SEAL, WRONG_VALUE, PERSON).contains(identity)) {
            return new Resolution.Refused(FailureReason.ACCOUNT_NOT_FOUND, "no signer " + identity);
        }
        return new Resolution.Sign(new Signer(
                identity,
                new CertificateToken(seal.certificate()),
                seal.chain().stream().map(CertificateToken::new).toList(),
                SignatureAlgorithm.RSA_SHA256,
                MAX_BATCH_SIZE));
    }

    /** After {@link #releaseWhenAsked()}: the person approves during the poll that asks. */
    @Override
    public boolean settle(List<HashComputed> waiting) {
        if (releasesWhenAsked.get()) {
            release();
            return true;
        }
        return false;
    }

    @Override
    public List<Returned> sign(Signer signer, List<PreparedSignature> group) {
        if (calls.size() + 1 == failingCall.get()) {
            failingCall.set(0);
            throw SignerWaits.unavailable("HTTP 503 for call " + (calls.size() + 1));
        }
        calls.add(group.size());
        return group.stream()
                .<Returned>map(p -> new Returned.Value(
                        rsa(signer.id().equals(WRONG_VALUE) ? new byte[p.digest().length] : p.digest())))
                .toList();
    }

    /** The number of digests each sign call carried, in call order. */
    List<Integer> calls() {
        return List.copyOf(calls);
    }

    /** The {@code n}th sign call (counting from 1, as {@link #calls()} does) fails once, as an outage. */
    void failCall(int n) {
        failingCall.set(n);
    }

    void release() {
        released.set(true);
    }

    void releaseWhenAsked() {
        releasesWhenAsked.set(true);
    }

    private byte[] rsa(byte[] digest) {
        try {
            Signature rsa = Signature.getInstance("NONEwithRSA");
            rsa.initSign(seal.privateKey());
            byte[] digestInfo = new byte[SHA256_DIGEST_INFO.length + digest.length];
            System.arraycopy(SHA256_DIGEST_INFO, 0, digestInfo, 0, SHA256_DIGEST_INFO.length);
            System.arraycopy(digest, 0, digestInfo, SHA256_DIGEST_INFO.length, digest.length);
            rsa.update(digestInfo);
            return rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
