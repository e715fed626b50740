package dev.signingsuite.provider.csc.client;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.DSSUtils;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code credentials/list}, and {@code credentials/info} once per credential: its certificate chain,
 * key algorithms, SCAL and how it is authorised, cached for the client's lifetime.
 */
final class Credentials {

    private final ServiceTokens service;
    private final Map<String, CscCredential> described = new ConcurrentHashMap<>();

    Credentials(ServiceTokens service) {
        this.service = service;
    }

    /** The credential if it has been described already; never calls the service. */
    Optional<CscCredential> resolved(String credentialId) {
        return Optional.ofNullable(described.get(credentialId));
    }

    CscCredential get(String credentialId) {
        CscCredential known = described.get(credentialId);
        if (known != null) {
            return known;
        }
        // Not computeIfAbsent: a failed description must not be cached, nor block other credentials.
        CscCredential fresh = describe(credentialId);
        CscCredential raced = described.putIfAbsent(credentialId, fresh);
        return raced == null ? fresh : raced;
    }

    List<String> list() {
        CscWire.ListResponse answer = service.call(
                "credentials/list", new CscWire.ListRequest(null, null, null, null), CscWire.ListResponse.class);
        if (answer.credentialIds() == null) {
            throw CscCallException.unreadable("credentials/list", "no credentialIDs in the answer");
        }
        return List.copyOf(answer.credentialIds());
    }

    private CscCredential describe(String credentialId) {
        CscWire.CredentialInfo info = service.call(
                "credentials/info",
                new CscWire.CredentialInfoRequest(credentialId, "chain", true, true),
                CscWire.CredentialInfo.class);
        if (info.key() == null
                || info.cert() == null
                || info.cert().certificates() == null
                || info.cert().certificates().isEmpty()) {
            throw CscCallException.unreadable("credentials/info", "no key or certificate chain");
        }
        List<CertificateToken> chain = chain(info.cert());
        List<CscCredential.AuthObject> objects = new ArrayList<>();
        if (info.auth() != null && info.auth().objects() != null) {
            for (CscWire.AuthObject object : info.auth().objects()) {
                if (object.id() != null) {
                    objects.add(new CscCredential.AuthObject(object.id(), object.type()));
                }
            }
        }
        int scal;
        try {
            scal = info.scal() == null ? 1 : Integer.parseInt(info.scal().trim());
        } catch (NumberFormatException e) {
            throw CscCallException.unreadable("credentials/info", "SCAL " + info.scal() + " is neither 1 nor 2");
        }
        try {
            return new CscCredential(
                    credentialId,
                    chain.get(0),
                    chain.subList(1, chain.size()),
                    info.key().algo() == null ? List.of() : info.key().algo(),
                    info.multisign() == null ? 1 : info.multisign(),
                    "enabled".equals(info.key().status()),
                    info.cert().status(),
                    authMode(info, objects),
                    scal,
                    objects);
        } catch (IllegalArgumentException e) {
            throw CscCallException.unreadable("credentials/info", e.getMessage());
        }
    }

    private static List<CertificateToken> chain(CscWire.Cert cert) {
        try {
            return cert.certificates().stream()
                    .map(b64 -> DSSUtils.loadCertificate(Base64.getDecoder().decode(b64)))
                    .toList();
        } catch (RuntimeException e) {
            throw new CscCallException(
                    "credentials/info", 200, "unreadable_answer", "a certificate is not base64 DER", e);
        }
    }

    /** v2 {@code auth.mode}; v1 {@code authMode}; an explicit credential with no factors is RSSP-managed. */
    private static CscCredential.AuthMode authMode(
            CscWire.CredentialInfo info, List<CscCredential.AuthObject> objects) {
        String mode =
                info.auth() != null && info.auth().mode() != null ? info.auth().mode() : info.authMode();
        if ("oauth2code".equals(mode)) {
            return CscCredential.AuthMode.OAUTH2CODE;
        }
        if ("explicit".equals(mode) && !objects.isEmpty()) {
            return CscCredential.AuthMode.EXPLICIT;
        }
        return CscCredential.AuthMode.IMPLICIT;
    }
}
