package dev.signingsuite.provider.csc.client;

import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing: {@code credentials/authorize} for a SAD (with the factors of an explicit credential and,
 * for SCAL 2, the hashes it is bound to), the one-time password that precedes it, and {@code
 * signatures/signHash} of many hashes under one SAD or one {@code scope=credential} token.
 *
 * <p>{@code operationMode} and a {@code hashAlgorithmOID} that {@code signAlgo} implies are optional
 * in the specification (section 11.10), yet the EU reference RSSP answers 500 without them. A 500
 * to a request that left them out is therefore taken as a refusal of that request's shape, not as
 * an outage: the request is sent once more with both, and every later one carries them too. A
 * single-use token is never sent twice, so the profile must name such a service.
 */
final class Signatures {

    private static final Logger log = LoggerFactory.getLogger(Signatures.class);
    private static final String SIGN_HASH = "signatures/signHash";

    private final ServiceTokens service;
    private final CscTransport transport;
    private final ServiceInfoCache info;
    private final Clock clock;
    private final ServiceProfile.Behaviours behaviours;
    private final LaterAnswers later;
    private volatile boolean fullShape;
    private volatile boolean asyncRefused;

    Signatures(
            ServiceTokens service,
            CscTransport transport,
            ServiceInfoCache info,
            Clock clock,
            ServiceProfile.Behaviours behaviours,
            LaterAnswers later) {
        this.service = service;
        this.transport = transport;
        this.info = info;
        this.clock = clock;
        this.behaviours = behaviours;
        this.later = later;
        this.fullShape = behaviours.alwaysHashAlgorithmOid() && behaviours.sendOperationMode();
    }

    CscClient.Sad authorize(
            String credentialId,
            int numSignatures,
            List<byte[]> hashes,
            String hashAlgorithmOid,
            List<CscClient.Factor> factors) {
        CscTransport.Answered<CscWire.AuthorizeResponse> answered = service.callAnswered(
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
        CscWire.AuthorizeResponse answer = answered.body();
        if (answered.accepted()) {
            // Section 11.6: the authorisation is still going on (a push to the holder's phone, say).
            if (answer == null || answer.handle() == null || answer.handle().isBlank()) {
                throw CscCallException.unreadable("credentials/authorize", "202 without a handle");
            }
            answer = later.authorization(answer.handle());
        }
        if (answer == null || answer.sad() == null || answer.sad().isBlank()) {
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
        CscWire.SignHashResponse answer = inMode(async -> withShape(full -> service.call(
                SIGN_HASH,
                request(sad.credentialId(), sad.value(), hashes, algorithm, full, async),
                CscWire.SignHashResponse.class)));
        return signatures(fetched(answer, null), hashes.size());
    }

    /** The token goes in the Authorization header and {@code SAD} is left out (CSC API v2 section 8.2). */
    List<byte[]> signHash(
            CscClient.Grant credentialGrant,
            String credentialId,
            List<byte[]> hashes,
            CscCredential.HashSigning algorithm) {
        CscWire.SignHashResponse answer = inMode(async -> withShape(full -> transport.send(
                SIGN_HASH,
                transport.jsonRequest(
                        SIGN_HASH,
                        CscTransport.json(request(credentialId, null, hashes, algorithm, full, async)),
                        "Bearer " + credentialGrant.accessToken()),
                CscWire.SignHashResponse.class)));
        return signatures(fetched(answer, credentialGrant.accessToken()), hashes.size());
    }

    /**
     * Asynchronous where the profile says so and {@code info} lists {@code signatures/signPolling}.
     * A service that answers 501 to {@code operationMode "A"} (the EU reference server) did not sign:
     * the call is repeated synchronously, and so are the later ones; not where the refused call
     * spent a single-use token.
     */
    private CscWire.SignHashResponse inMode(Function<Boolean, CscWire.SignHashResponse> call) {
        boolean async =
                !asyncRefused && behaviours.asynchronousSignHash() && info.get().offers(LaterAnswers.SIGN_POLLING);
        try {
            return call.apply(async);
        } catch (CscCallException e) {
            if (!async || e.status() != 501 || behaviours.singleUseTokens()) {
                throw e;
            }
            asyncRefused = true;
            log.warn("The CSC service does not sign asynchronously (501); signHash is synchronous from now on");
            return call.apply(false);
        }
    }

    /** The signatures of the answer, or (an asynchronous answer: {@code responseID}) those polled for. */
    private CscWire.SignHashResponse fetched(CscWire.SignHashResponse answer, String credentialToken) {
        if (answer.signatures() != null || answer.responseId() == null) {
            return answer;
        }
        return new CscWire.SignHashResponse(later.signatures(answer.responseId(), credentialToken), null);
    }

    /** The call in the shape this service wants; see the class comment. */
    private <T> T withShape(Function<Boolean, T> call) {
        boolean full = fullShape;
        try {
            return call.apply(full);
        } catch (CscCallException e) {
            if (full || e.status() < 500 || behaviours.singleUseTokens()) {
                throw e;
            }
            T answer;
            try {
                answer = call.apply(true);
            } catch (CscCallException refused) {
                // Refused for another reason than before (a 501 to "A", a 400): the shape got through.
                if (refused.status() != e.status()) {
                    fullShape = true;
                }
                throw refused;
            }
            fullShape = true;
            log.warn(
                    "The CSC service answered {} to a signHash without operationMode and hashAlgorithmOID and"
                            + " signed with them; they are sent from now on (signing.csc.profile eudi-reference says so)",
                    e.status());
            return answer;
        }
    }

    private CscWire.SignHashRequest request(
            String credentialId,
            String sad,
            List<byte[]> hashes,
            CscCredential.HashSigning algorithm,
            boolean full,
            boolean async) {
        boolean oid = full || behaviours.alwaysHashAlgorithmOid();
        boolean mode = full || behaviours.sendOperationMode();
        return new CscWire.SignHashRequest(
                credentialId,
                sad,
                base64(hashes),
                algorithm.hashAlgorithmOid() != null || !oid ? algorithm.hashAlgorithmOid() : impliedHash(algorithm),
                algorithm.signAlgo(),
                algorithm.signAlgoParams(),
                async ? "A" : mode ? "S" : null);
    }

    private static String impliedHash(CscCredential.HashSigning algorithm) {
        return algorithm.dssAlgorithm().getDigestAlgorithm().getOid();
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
