package dev.signingsuite.gateway.signatures;

import dev.signingsuite.events.ContentDigest;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.gateway.api.ApiProblem;
import dev.signingsuite.gateway.webhooks.WebhookUrls;
import java.net.URI;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link SignatureRequest} checked field by field: every bad input is a 400 that names the field,
 * before anything is recorded or published.
 *
 * @param callbackUrl null when none was given
 * @param webhookUrl the request's own webhook endpoint; null when none was given
 */
record DigestOrder(
        SignerRef signer,
        SignatureLevel level,
        ContentDigest digest,
        URI callbackUrl,
        SignatureFormat format,
        URI webhookUrl) {

    /** The digest algorithms accepted, by their usual names, with DSS's name and the digest's length. */
    private static final Map<String, Algorithm> ALGORITHMS = Map.of(
            "SHA-256", new Algorithm("SHA256", 32),
            "SHA-384", new Algorithm("SHA384", 48),
            "SHA-512", new Algorithm("SHA512", 64));

    private record Algorithm(String dssName, int length) {}

    static DigestOrder of(
            SignatureRequest request, String tenantId, CallbackHosts callbackHosts, WebhookUrls webhookUrls) {
        if (request == null) {
            throw ApiProblem.badRequest("a JSON body is required");
        }
        SignatureFormat format = format(request.format());
        Algorithm algorithm = request.digestAlgorithm() == null
                ? null
                : ALGORITHMS.get(request.digestAlgorithm().toUpperCase(Locale.ROOT));
        if (algorithm == null) {
            throw ApiProblem.badRequest(
                    "digestAlgorithm must be SHA-256, SHA-384 or SHA-512, not " + quoted(request.digestAlgorithm()));
        }
        if (request.digest() == null || request.digest().isBlank()) {
            throw ApiProblem.badRequest("digest is required: base64 of the " + request.digestAlgorithm());
        }
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(request.digest());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("digest is not base64");
        }
        if (digest.length != algorithm.length()) {
            throw ApiProblem.badRequest("digest has " + digest.length + " bytes; a "
                    + request.digestAlgorithm().toUpperCase(Locale.ROOT) + " digest has " + algorithm.length());
        }
        Provider provider;
        try {
            provider = Provider.fromId(request.provider());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        if (request.signer() == null || request.signer().isBlank()) {
            throw ApiProblem.badRequest("signer is required: the signer's identity at the provider");
        }
        SignatureLevel level = level(request.level());
        if (format == SignatureFormat.XADES_DETACHED && level == SignatureLevel.LTA) {
            // The archive timestamp of XAdES covers the content itself, which the suite never has.
            throw ApiProblem.badRequest("level LTA is not produced for xades-detached (its archive timestamp"
                    + " covers the content, not the digest); use LT, or cades-detached at LTA");
        }
        return new DigestOrder(
                new SignerRef(provider, request.signer()),
                level,
                new ContentDigest(algorithm.dssName(), digest),
                request.callbackUrl() == null ? null : callbackHosts.require(tenantId, request.callbackUrl()),
                format,
                request.webhookUrl() == null ? null : webhookUrls.require(tenantId, request.webhookUrl()));
    }

    private static SignatureFormat format(String format) {
        if (format == null || format.equalsIgnoreCase("cades-detached")) {
            return SignatureFormat.CADES_DETACHED;
        }
        if (format.equalsIgnoreCase("xades-detached")) {
            return SignatureFormat.XADES_DETACHED;
        }
        throw ApiProblem.badRequest("format must be cades-detached or xades-detached, not " + quoted(format));
    }

    private static SignatureLevel level(String level) {
        if (level == null) {
            return SignatureLevel.LT;
        }
        try {
            return SignatureLevel.valueOf(level.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("level must be B, T, LT or LTA, not " + quoted(level));
        }
    }

    private static String quoted(String value) {
        if (value == null) {
            return "nothing";
        }
        // Echo a short, printable excerpt only: the value is the client's.
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
