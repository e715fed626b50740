package dev.signingsuite.provider.csc.client;

import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * Signing: {@code credentials/authorize} for a SAD (with the factors of an explicit credential and,
 * for SCAL 2, the hashes it is bound to), the one-time password that precedes it, and {@code
 * signatures/signHash} of many hashes under one SAD or one {@code scope=credential} token.
 */
final class Signatures {

    private static final String SIGN_HASH = "signatures/signHash";

    private final ServiceTokens service;
    private final CscTransport transport;
    private final ServiceInfoCache info;
    private final Clock clock;

    Signatures(ServiceTokens service, CscTransport transport, ServiceInfoCache info, Clock clock) {
        this.service = service;
        this.transport = transport;
        this.info = info;
        this.clock = clock;
    }

    CscClient.Sad authorize(
            String credentialId,
            int numSignatures,
            List<byte[]> hashes,
            String hashAlgorithmOid,
            List<CscClient.Factor> factors) {
        CscWire.AuthorizeResponse answer = service.call(
                "credentials/authorize",
                new CscWire.AuthorizeRequest(
                        credentialId,
                        numSignatures,
                        hashes == null ? null : base64(hashes),
                        hashes == null ? null : hashAlgorithmOid,
                        factors.stream()
                                .map(f -> new CscWire.AuthData(f.id(), f.value()))
                                .toList(),
                        null),
                CscWire.AuthorizeResponse.class);
        if (answer.sad() == null || answer.sad().isBlank()) {
            throw CscCallException.unreadable("credentials/authorize", "no SAD in the answer");
        }
        long expiresIn = answer.expiresIn() == null ? 3600 : answer.expiresIn();
        return new CscClient.Sad(
                credentialId, answer.sad(), numSignatures, clock.instant().plusSeconds(expiresIn));
    }

    /** v1's {@code credentials/sendOTP} or v2's {@code credentials/getChallenge}, whichever {@code info} lists. */
    void sendOtp(String credentialId, String otpObjectId) {
        if (info.get().methods().contains("credentials/sendOTP")) {
            service.call("credentials/sendOTP", new CscWire.CredentialRequest(credentialId), Void.class);
        } else if (info.get().methods().contains("credentials/getChallenge")) {
            service.call(
                    "credentials/getChallenge", new CscWire.ChallengeRequest(credentialId, otpObjectId), Void.class);
        }
    }

    List<byte[]> signHash(CscClient.Sad sad, List<byte[]> hashes, CscCredential.HashSigning algorithm) {
        CscWire.SignHashResponse answer = service.call(
                SIGN_HASH, request(sad.credentialId(), sad.value(), hashes, algorithm), CscWire.SignHashResponse.class);
        return signatures(answer, hashes.size());
    }

    /** The token goes in the Authorization header and {@code SAD} is left out (CSC API v2 section 8.2). */
    List<byte[]> signHash(
            CscClient.Grant credentialGrant,
            String credentialId,
            List<byte[]> hashes,
            CscCredential.HashSigning algorithm) {
        byte[] json = CscTransport.json(request(credentialId, null, hashes, algorithm));
        CscWire.SignHashResponse answer = transport.send(
                SIGN_HASH,
                transport.jsonRequest(SIGN_HASH, json, "Bearer " + credentialGrant.accessToken()),
                CscWire.SignHashResponse.class);
        return signatures(answer, hashes.size());
    }

    private static CscWire.SignHashRequest request(
            String credentialId, String sad, List<byte[]> hashes, CscCredential.HashSigning algorithm) {
        return new CscWire.SignHashRequest(
                credentialId,
                sad,
                base64(hashes),
                algorithm.hashAlgorithmOid(),
                algorithm.signAlgo(),
                algorithm.signAlgoParams());
    }

    private static List<byte[]> signatures(CscWire.SignHashResponse answer, int expected) {
        if (answer.signatures() == null || answer.signatures().size() != expected) {
            throw CscCallException.unreadable(
                    SIGN_HASH,
                    (answer.signatures() == null ? 0 : answer.signatures().size()) + " signatures for " + expected
                            + " hashes");
        }
        try {
            return answer.signatures().stream().map(Base64.getDecoder()::decode).toList();
        } catch (IllegalArgumentException e) {
            throw CscCallException.unreadable(SIGN_HASH, "a signature is not base64");
        }
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
    }
}
