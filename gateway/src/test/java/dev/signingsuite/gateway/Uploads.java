package dev.signingsuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.util.MultiValueMap;

/** A multipart upload as a client sends it: files under one part name, plus form fields. */
final class Uploads {

    private final String partName;
    private final MultipartBodyBuilder builder = new MultipartBodyBuilder();
    private final List<String> names = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();

    Uploads(String partName) {
        this.partName = partName;
    }

    /** Small PDF-looking files, each with distinct content. */
    static Uploads files(String partName, String... names) {
        Uploads uploads = new Uploads(partName);
        for (String name : names) {
            uploads.add(name, ("%PDF-1.7 " + name + " " + System.nanoTime()).getBytes(UTF_8));
        }
        return uploads;
    }

    Uploads add(String name, byte[] content) {
        names.add(name);
        contents.add(content);
        // The file name exactly as given: a client may send any name, "../x.pdf" included.
        builder.part(partName, new ByteArrayResource(content) {
                    @Override
                    public String getFilename() {
                        return name;
                    }
                })
                .contentType(MediaType.APPLICATION_PDF);
        return this;
    }

    Uploads field(String name, String value) {
        builder.part(name, value);
        return this;
    }

    List<String> names() {
        return names;
    }

    byte[] content(int index) {
        return contents.get(index);
    }

    MultiValueMap<String, HttpEntity<?>> body() {
        return builder.build();
    }

    /**
     * One file in a multipart body written byte by byte, its name exactly as given: Spring's own
     * client drops control characters from file names, an attacker's would not.
     */
    static byte[] handWritten(String boundary, String partName, String fileName, Map<String, String> fields) {
        return handWritten(boundary, partName, fileName.getBytes(UTF_8), "", fields);
    }

    /**
     * The same with the file name's bytes as given (invalid UTF-8 included) and extra header lines
     * for the file's part ({@code "X-Padding: ...\r\n"}).
     */
    static byte[] handWritten(
            String boundary, String partName, byte[] fileName, String extraHeaders, Map<String, String> fields) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName + "\"; filename=\"")
                .getBytes(UTF_8));
        body.writeBytes(fileName);
        body.writeBytes(
                ("\"\r\n" + extraHeaders + "Content-Type: application/pdf\r\n\r\n" + "%PDF-1.7 hand-written\r\n")
                        .getBytes(UTF_8));
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(UTF_8)));
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(UTF_8));
        return body.toByteArray();
    }
}
