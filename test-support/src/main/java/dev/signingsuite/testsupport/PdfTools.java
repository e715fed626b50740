package dev.signingsuite.testsupport;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Independent checks of signed PDFs with Debian's tools, and a small PDF to sign: poppler's {@code
 * pdfsig} (with the trust anchors in an NSS database made by {@code certutil}) and {@code qpdf
 * --check}. A missing tool fails the test: {@code .ci/run} installs them (poppler-utils, qpdf,
 * libnss3-tools).
 */
public final class PdfTools {

    private PdfTools() {}

    /** A one-page PDF with {@code text} on it, written as a PDF 1.7 file with a classic xref table. */
    public static byte[] onePagePdf(String text) {
        return pagesPdf(text);
    }

    /** A PDF with one page per text, each text on its page; a classic xref table, as {@link #onePagePdf}. */
    public static byte[] pagesPdf(String... texts) {
        List<String> objects = new ArrayList<>();
        StringBuilder kids = new StringBuilder();
        for (int page = 0; page < texts.length; page++) {
            kids.append(page == 0 ? "" : " ").append(4 + 2 * page).append(" 0 R");
        }
        objects.add("<< /Type /Catalog /Pages 2 0 R >>");
        objects.add("<< /Type /Pages /Kids [" + kids + "] /Count " + texts.length + " >>");
        objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        for (int page = 0; page < texts.length; page++) {
            String content = "BT /F1 14 Tf 72 720 Td ("
                    + texts[page].replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj ET";
            objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " + (5 + 2 * page)
                    + " 0 R /Resources << /Font << /F1 3 0 R >> >> >>");
            objects.add("<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(out.size());
            write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
        }
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        offsets.forEach(offset -> table.append(String.format("%010d 00000 n \n", offset)));
        write(
                out,
                table + "trailer\n<< /Size " + (objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + xref
                        + "\n%%EOF\n");
        return out.toByteArray();
    }

    /**
     * {@code pdfsig}'s report on {@code pdf}, the certificates checked against {@code anchors} only.
     * The report lists each signature ("Signature #n") with "Signature Validation: Signature is
     * Valid." and "Certificate Validation: Certificate is Trusted." when all is well.
     */
    public static String pdfsig(Path pdf, List<X509Certificate> anchors, Path workDir) {
        Path nss = workDir.resolve("nss-" + System.nanoTime());
        try {
            Files.createDirectories(nss);
            run(List.of("certutil", "-N", "-d", "sql:" + nss, "--empty-password"), 0);
            for (int i = 0; i < anchors.size(); i++) {
                Path pem = nss.resolve("anchor-" + i + ".pem");
                Files.writeString(pem, pem(anchors.get(i)), US_ASCII);
                run(
                        List.of(
                                "certutil",
                                "-A",
                                "-d",
                                "sql:" + nss,
                                "-n",
                                "anchor-" + i,
                                "-t",
                                "CT,C,C",
                                "-i",
                                pem.toString()),
                        0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return run(List.of("pdfsig", "-nssdir", "sql:" + nss, pdf.toString()), 0);
    }

    /** Runs {@code qpdf --check}: the PDF's structure, xref and streams are sound (exit 0, no warnings). */
    public static String qpdfCheck(Path pdf) {
        return run(List.of("qpdf", "--check", pdf.toString()), 0);
    }

    /**
     * Asserts {@code pdfsig}'s report lists {@code signatures} signatures, each valid and trusted,
     * and {@code documentTimestamps} document timestamps (PAdES LTA), which pdfsig lists but cannot
     * validate ("Signature Type: unknown").
     */
    public static void assertValidAndTrusted(String report, int signatures, int documentTimestamps) {
        assertThat(count(report, "Signature #"))
                .as("entries pdfsig lists in\n%s", report)
                .isEqualTo(signatures + documentTimestamps);
        assertThat(count(report, "Signature is Valid."))
                .as("valid signatures in\n%s", report)
                .isEqualTo(signatures);
        assertThat(count(report, "Certificate is Trusted."))
                .as("trusted certificates in\n%s", report)
                .isEqualTo(signatures);
        assertThat(count(report, "Signature Type: unknown"))
                .as("document timestamps in\n%s", report)
                .isEqualTo(documentTimestamps);
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }

    private static String run(List<String> command, int expectedExit) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), US_ASCII);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command.get(0) + " did not finish");
            }
            if (process.exitValue() != expectedExit) {
                throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " cannot be run (.ci/run installs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
