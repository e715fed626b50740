package dev.signingsuite.gateway.api;

import dev.signingsuite.events.FailureReason;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeLimitExceededException;
import org.springframework.http.HttpStatus;

/**
 * What Tomcat's multipart limits refuse, said in the gateway's words. Spring reports each of them
 * as "Maximum upload size exceeded" (413), even a part header or a part count over the limit; the
 * cause says which limit it was.
 */
final class MultipartRefusals {

    private final long maxDocumentBytes;
    private final int maxFiles;
    private final int maxParts;
    private final int maxPartHeaderBytes;
    private final long maxUploadBytes;

    MultipartRefusals(long maxDocumentBytes, int maxFiles, int maxParts, int maxPartHeaderBytes, long maxUploadBytes) {
        this.maxDocumentBytes = maxDocumentBytes;
        this.maxFiles = maxFiles;
        this.maxParts = maxParts;
        this.maxPartHeaderBytes = maxPartHeaderBytes;
        this.maxUploadBytes = maxUploadBytes;
    }

    ApiProblem problemFor(Throwable refusal) {
        for (Throwable cause = refusal; cause != null; cause = cause.getCause()) {
            if (cause instanceof FileSizeLimitExceededException file) {
                return new ApiProblem(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "Document too large",
                        "file " + file.getFileName() + " is larger than the limit of " + maxDocumentBytes + " bytes",
                        FailureReason.DOCUMENT_TOO_LARGE);
            }
            if (cause instanceof FileCountLimitExceededException) {
                return ApiProblem.badRequest("an upload holds at most " + maxFiles + " files, in at most " + maxParts
                        + " parts with its form fields");
            }
            if (cause instanceof SizeLimitExceededException size && isHeaderSection(size)) {
                return ApiProblem.badRequest("the part headers of a file or form field are over " + maxPartHeaderBytes
                        + " bytes; at most " + UploadParts.MAX_PART_HEADER_BYTES + " are accepted");
            }
        }
        return new ApiProblem(
                HttpStatus.CONTENT_TOO_LARGE,
                "Upload too large",
                "the upload is larger than the limit of " + maxUploadBytes + " bytes");
    }

    private static boolean isHeaderSection(SizeLimitExceededException size) {
        return size.getMessage() != null && size.getMessage().startsWith("Header section");
    }
}
