package dev.signingsuite.gateway.api;

import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The values the API accepts for its enumerated parameters; a refusal names them. A format the
 * suite cannot produce yet is refused here, before a document is stored, rather than failing after
 * the signer confirmed.
 */
final class ApiValues {

    /** The formats every stage produces; the OpenAPI description offers these only. */
    static final List<SignatureFormat> SUPPORTED_FORMATS =
            List.of(SignatureFormat.ASIC_E_CADES, SignatureFormat.ASIC_E_XADES, SignatureFormat.PADES);

    private ApiValues() {}

    static SignatureLevel level(String given) {
        String wanted = given.trim().toUpperCase(Locale.ROOT);
        for (SignatureLevel level : SignatureLevel.values()) {
            if (level.name().equals(wanted)) {
                return level;
            }
        }
        throw new IllegalArgumentException(
                "unknown level '" + given + "'; expected " + listed(Arrays.asList(SignatureLevel.values())));
    }

    static SignatureFormat format(String given) {
        String wanted = given.trim().toUpperCase(Locale.ROOT);
        for (SignatureFormat format : SignatureFormat.values()) {
            if (format.name().equals(wanted)) {
                if (!SUPPORTED_FORMATS.contains(format)) {
                    throw new IllegalArgumentException(
                            "format " + format + " is not supported yet; expected " + listed(SUPPORTED_FORMATS));
                }
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + given + "'; expected " + listed(SUPPORTED_FORMATS));
    }

    private static String listed(List<? extends Enum<?>> values) {
        List<String> names = values.stream().map(Enum::name).toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
