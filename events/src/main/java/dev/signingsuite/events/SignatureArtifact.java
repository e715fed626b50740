package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A finished signature ready to be packaged.
 *
 * @param entryName the ZIP entry name, e.g. {@code META-INF/signature001.p7s}
 * @param content the signature bytes, e.g. CMS (base64 in JSON)
 * @param level the level the signature reached
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignatureArtifact(String entryName, byte[] content, SignatureLevel level) {

    public SignatureArtifact {
        Checks.notBlank(entryName, "entryName");
        Checks.notEmpty(content, "content");
        Checks.notNull(level, "level");
    }
}
