package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One data file of a container. A container may hold several (one signature for a whole batch).
 *
 * @param name the ZIP entry name in the container, checked by {@link FileNames#requireSafe}
 * @param blob where the file's bytes lie
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DataFile(String name, BlobRef blob) {

    public DataFile {
        FileNames.requireSafe(name);
        Checks.notNull(blob, "blob");
    }
}
