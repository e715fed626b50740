package dev.signingsuite.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's TSA and OCSP answers, checked by an independent implementation: the openssl CLI. */
class OpensslInteropTest {

    @TempDir
    static Path dataDir;

    static Sandbox sandbox;
    static Path pkiDir;

    @BeforeAll
    static void start() throws Exception {
        requireOpenssl();
        sandbox = Sandbox.start(new SandboxSettings(dataDir, "127.0.0.1", 0));
        pkiDir = dataDir.resolve("pki");
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void opensslVerifiesTheTimeStampToken(@TempDir Path work) throws Exception {
        Path data = Files.writeString(work.resolve("data.txt"), "an invoice to be time-stamped");
        Result query = openssl(work, "ts", "-query", "-data", data.toString(), "-sha256", "-cert", "-out", "q.tsq");
        assertThat(query.exitCode()).as(query.output()).isZero();

        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(sandbox.tsaUrl())
                                .header("Content-Type", "application/timestamp-query")
                                .POST(HttpRequest.BodyPublishers.ofFile(work.resolve("q.tsq")))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/timestamp-reply");
        Files.write(work.resolve("resp.tsr"), response.body());

        Path untrusted = work.resolve("untrusted.pem");
        Files.writeString(
                untrusted,
                Files.readString(pkiDir.resolve("issuing-ca.pem")) + Files.readString(pkiDir.resolve("tsa.pem")));
        Result verify = openssl(
                work,
                "ts",
                "-verify",
                "-in",
                "resp.tsr",
                "-queryfile",
                "q.tsq",
                "-CAfile",
                sandbox.trustAnchorPem().toString(),
                "-untrusted",
                untrusted.toString());
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("Verification: OK");

        Result text = openssl(work, "ts", "-reply", "-in", "resp.tsr", "-text");
        assertThat(text.exitCode()).as(text.output()).isZero();
        assertThat(text.output())
                .contains("Status: Granted.")
                .contains("Policy OID: 1.3.6.1.4.1.99999.1.1")
                .contains("Hash Algorithm: sha256")
                .containsPattern("Accuracy: 0x01 seconds|Accuracy: 1 seconds");
    }

    @Test
    void opensslSeesTheSealCertificateGood(@TempDir Path work) throws Exception {
        Result result = ocsp(work, "seal.pem");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Response verify OK").contains("seal.pem: good");
    }

    @Test
    void opensslSeesTheRevokedCertificateRevoked(@TempDir Path work) throws Exception {
        Result result = ocsp(work, "revoked.pem");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("Response verify OK")
                .contains("revoked.pem: revoked")
                .contains("Reason: keyCompromise");
    }

    private Result ocsp(Path work, String certificate) throws Exception {
        return openssl(
                pkiDir,
                "ocsp",
                "-issuer",
                "issuing-ca.pem",
                "-cert",
                certificate,
                "-url",
                sandbox.ocspUrl().toString(),
                "-CAfile",
                sandbox.trustAnchorPem().toString());
    }

    record Result(int exitCode, String output) {}

    static Result openssl(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        // openssl prints "Response verify OK" on stderr: both streams are asserted together.
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("openssl timed out: " + command);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static void requireOpenssl() throws InterruptedException {
        try {
            Result version = openssl(Path.of("."), "version");
            assertThat(version.exitCode()).as(version.output()).isZero();
        } catch (IOException e) {
            fail(
                    "The openssl command line tool is not on the PATH; these interoperability tests need it."
                            + " Install it (e.g. apt-get install openssl, brew install openssl) and run the build again.",
                    e);
        }
    }
}
