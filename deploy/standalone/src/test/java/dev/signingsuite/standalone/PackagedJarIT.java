package dev.signingsuite.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's first command as a user runs it: {@code java -jar standalone.jar run}, the Spring Boot
 * jar this module packages, not the tests' flat class path. Class loading differs there (nested jars,
 * a launcher's class loader): the sandbox's identity provider once found none of Spring Security's
 * classes in the jar, so {@code ./suite run} did not start while every other test passed. A person
 * then signs a digest through the one-time provider, which needs that identity provider, and openssl
 * verifies the signature over the file.
 */
class PackagedJarIT {

    private static final Pattern GATEWAY = Pattern.compile("Gateway API\\s+http://127\\.0\\.0\\.1:(\\d+)/v1");

    private static final Pattern TRUST_ANCHOR = Pattern.compile("Trust anchor\\s+(\\S+)");

    private static final Duration START_UP = Duration.ofMinutes(4);

    @TempDir
    Path work;

    @Test
    void theJarRunsTheSuiteAndAPersonSignsADigestThroughTheOnetimeProvider() throws Exception {
        Path jar = Path.of("target", "standalone.jar").toAbsolutePath();
        assertThat(jar).as("packaged before the integration tests").isRegularFile();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "run"));
        command.addAll(List.of(SuiteArguments.onFreePorts(work.resolve("data"), "--standalone.onetime.enabled=true")));
        Process suite = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .directory(work.toFile())
                .start();
        try {
            List<String> console = readUntilReady(suite);
            String printed = String.join("\n", console);
            Matcher gateway = GATEWAY.matcher(printed);
            Matcher anchor = TRUST_ANCHOR.matcher(printed);
            assertThat(gateway.find() && anchor.find()).as(printed).isTrue();

            DigestSigningChecks rest =
                    new DigestSigningChecks(Integer.parseInt(gateway.group(1)), Path.of(anchor.group(1)));
            Path file = Files.writeString(work.resolve("contract.txt"), "The contract the e-service keeps.\n");
            String digest = DigestSigningChecks.sha256Base64(Files.readAllBytes(file));
            String callback = "http://127.0.0.1:9000/signed?order=7";
            String[] accepted = rest.postForPerson(
                    "demo-key",
                    DigestSigningChecks.body(
                            digest, "SHA-256", "cades-detached", callback, "onetime", "PNOLV-010101-10006/ONE TIME"));
            rest.awaitSigned("demo-key", accepted[0]);
            HttpResponse<String> back = rest.openPersonPage(accepted[1]);
            assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
            assertThat(back.headers().firstValue("Location"))
                    .hasValue(callback + "&signatureId=" + accepted[0] + "&status=SIGNED");
            HttpResponse<byte[]> fetched = rest.fetch("demo-key", "/v1/signatures/" + accepted[0] + "/signature");
            assertThat(fetched.statusCode()).isEqualTo(200);
            Path signature = Files.write(work.resolve("contract.p7s"), fetched.body());
            // The one-time certificate lasts 60 s: checked at the signing time, as README says.
            assertThat(rest.opensslVerifies(signature, file, DigestSigningChecks.signingTime(fetched.body())))
                    .as("openssl cms -verify over the file")
                    .isTrue();
        } finally {
            suite.destroy();
            if (!suite.waitFor(60, TimeUnit.SECONDS)) {
                suite.destroyForcibly();
            }
        }
    }

    /** The console up to the ready banner's last line; fails with what it printed if it stops first. */
    private static List<String> readUntilReady(Process suite) throws Exception {
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + START_UP.toNanos();
        BufferedReader console =
                new BufferedReader(new InputStreamReader(suite.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = console.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (java.io.IOException e) {
                // The process ended.
            }
        });
        reader.setDaemon(true);
        reader.start();
        while (System.nanoTime() < deadline) {
            synchronized (lines) {
                if (lines.stream().anyMatch(line -> line.startsWith("Press Ctrl+C to stop"))) {
                    return List.copyOf(lines);
                }
            }
            if (!suite.isAlive()) {
                Thread.sleep(500);
                synchronized (lines) {
                    throw new AssertionError("the jar stopped with status " + suite.exitValue()
                            + " before it was ready:\n" + tail(lines));
                }
            }
            Thread.sleep(250);
        }
        synchronized (lines) {
            throw new AssertionError("the jar was not ready within " + START_UP + ":\n" + tail(lines));
        }
    }

    private static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
