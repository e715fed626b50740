package dev.signingsuite.sandbox.eparaksts;

import java.util.Locale;
import java.util.Map;

/** The {@code signature_algorithm} values of server/raw (EP-WIKI; {@code ecdsa} from EP-DEV v2). */
final class SignatureAlgorithms {

    /** @param digestLength 0 for ecdsa, which signs whatever hash it is given (32, 48 or 64 bytes) */
    record Algorithm(String name, String digestOid, int digestLength) {
        boolean ecdsa() {
            return digestOid == null;
        }
    }

    private static final Map<String, Algorithm> ALL = Map.of(
            "rsa-sha1", new Algorithm("rsa-sha1", "1.3.14.3.2.26", 20),
            "rsa-sha256", new Algorithm("rsa-sha256", "2.16.840.1.101.3.4.2.1", 32),
            "rsa-sha384", new Algorithm("rsa-sha384", "2.16.840.1.101.3.4.2.2", 48),
            "rsa-sha512", new Algorithm("rsa-sha512", "2.16.840.1.101.3.4.2.3", 64),
            "ecdsa", new Algorithm("ecdsa", null, 0));

    private SignatureAlgorithms() {}

    static Algorithm of(String name) {
        Algorithm algorithm = name == null ? null : ALL.get(name.toLowerCase(Locale.ROOT));
        if (algorithm == null) {
            throw PlatformError.invalidRequest("Invalid signature_algorithm: " + name);
        }
        return algorithm;
    }
}
