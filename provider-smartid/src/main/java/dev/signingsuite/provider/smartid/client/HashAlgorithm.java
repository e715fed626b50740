package dev.signingsuite.provider.smartid.client;

import java.util.Arrays;

/** The hash algorithms of the API (reference §5.3) with their JCA and BouncyCastle names. */
public enum HashAlgorithm {
    SHA_256("SHA-256", 32),
    SHA_384("SHA-384", 48),
    SHA_512("SHA-512", 64),
    SHA3_256("SHA3-256", 32),
    SHA3_384("SHA3-384", 48),
    SHA3_512("SHA3-512", 64);

    private final String wireName;
    private final int length;

    HashAlgorithm(String wireName, int length) {
        this.wireName = wireName;
        this.length = length;
    }

    /** The API's name, which is also the JCA name. */
    public String wireName() {
        return wireName;
    }

    /** Octets of output; the PSS salt length. */
    public int length() {
        return length;
    }

    public static HashAlgorithm of(String wireName) {
        return Arrays.stream(values())
                .filter(h -> h.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown hash algorithm " + wireName));
    }
}
