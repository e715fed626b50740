package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The manifest of an ASiC-E container: with CAdES the ASiC manifest that the detached signature
 * covers; with XAdES the ODF manifest the container carries beside the signature, which
 * references the data files themselves. Fixed by hash-service and carried unchanged to
 * container-service, so every stage signs and packages the same bytes.
 *
 * @param entryName the ZIP entry name, {@code META-INF/ASiCManifest.xml} or {@code
 *     META-INF/manifest.xml}
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
