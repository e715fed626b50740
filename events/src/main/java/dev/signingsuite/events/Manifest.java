package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The ASiC manifest that a detached CAdES signature covers. Fixed by hash-service and carried
 * unchanged to container-service, so every stage signs and packages the same bytes.
 *
 * @param entryName the ZIP entry name, e.g. {@code META-INF/ASiCManifest.xml}
 * @param mediaType the manifest's media type, e.g. {@code text/xml}
 * @param content the manifest bytes (base64 in JSON)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(String entryName, String mediaType, byte[] content) {

    public Manifest {
        Checks.notBlank(entryName, "entryName");
        Checks.notBlank(mediaType, "mediaType");
        Checks.notEmpty(content, "content");
    }
}
