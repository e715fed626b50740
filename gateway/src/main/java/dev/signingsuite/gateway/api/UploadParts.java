package dev.signingsuite.gateway.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's own limits on the parts of an upload, checked before any file is read so that a
 * refusal names the limit and the file. Tomcat's limits ({@link ApiConfiguration}) sit above these
 * and only stop what would be expensive to parse at all.
 */
final class UploadParts {

    /**
     * The headers of one part, in bytes. A file name of {@code FileNames.MAX_INTAKE_UTF8_BYTES}
     * written twice (filename and its RFC 5987 filename*, percent-encoded) fits with room to spare.
     */
    static final int MAX_PART_HEADER_BYTES = 2048;

    private UploadParts() {}

    /** @throws ApiProblem 400 naming the first part whose headers are over {@link #MAX_PART_HEADER_BYTES} */
    static void requireWithinLimits(HttpServletRequest request) {
        List<Part> files = new ArrayList<>();
        try {
            for (Part part : request.getParts()) {
                if (part.getSubmittedFileName() != null) {
                    files.add(part);
                } else if (headerBytes(part) > MAX_PART_HEADER_BYTES) {
                    throw tooLarge("form field " + part.getName(), headerBytes(part));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the parts of an upload", e);
        } catch (ServletException e) {
            throw ApiProblem.badRequest("the multipart body cannot be read");
        }
        for (int i = 0; i < files.size(); i++) {
            int bytes = headerBytes(files.get(i));
            if (bytes > MAX_PART_HEADER_BYTES) {
                throw tooLarge("file " + (i + 1) + " of " + files.size(), bytes);
            }
        }
    }

    private static ApiProblem tooLarge(String which, int bytes) {
        return ApiProblem.badRequest("the part headers of " + which + " are " + bytes + " bytes; at most "
                + MAX_PART_HEADER_BYTES + " are accepted");
    }

    /** As written on the wire: {@code name: value} and CRLF per header. */
    private static int headerBytes(Part part) {
        int bytes = 0;
        for (String name : part.getHeaderNames()) {
            for (String value : part.getHeaders(name)) {
                bytes += name.getBytes(UTF_8).length + 2 + value.getBytes(UTF_8).length + 2;
            }
        }
        return bytes;
    }
}
