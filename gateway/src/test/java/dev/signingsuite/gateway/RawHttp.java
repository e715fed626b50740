package dev.signingsuite.gateway;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Locale;

/**
 * A request written byte by byte on a socket, as a client that breaks the rules sends it: headers
 * over Tomcat's limits, a body shorter than announced. HTTP clients refuse to send such requests.
 */
final class RawHttp {

    record Answer(int status, String contentType, String body, String retryAfter) {}

    private RawHttp() {}

    static Answer send(int port, String head, byte[] body) {
        return send("127.0.0.1", port, head, body);
    }

    /** From {@code clientAddress}, any of 127.0.0.0/8: a client of its own to the gateway's limits. */
    static Answer send(String clientAddress, int port, String head, byte[] body) {
        try (Socket socket =
                new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(clientAddress), 0)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(ISO_8859_1));
            out.write(body);
            out.flush();
            // The server may answer and close before reading everything: read what it says.
            socket.shutdownOutput();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = null;
        String retryAfter = null;
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring(line.indexOf(':') + 1).trim();
            }
            if (lower.startsWith("retry-after:")) {
                retryAfter = line.substring(line.indexOf(':') + 1).trim();
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        }
        String body = text.substring(end + 4);
        return new Answer(status, contentType, chunked ? unchunk(body) : body, retryAfter);
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
