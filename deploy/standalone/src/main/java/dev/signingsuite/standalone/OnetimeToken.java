package dev.signingsuite.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * provider-onetime's SoftHSM2 token, kept in the data directory: a {@code softhsm2.conf} naming
 * {@code tokens/} beside it, one token initialised there on first use, its user PIN in {@code pin}
 * (readable by the owner only). SoftHSM2 reads {@code SOFTHSM2_CONF} from the environment of the
 * process that loads it, which a JVM cannot set for itself: a provider-onetime that uses this token
 * is a process of its own, started with {@link #environment()}.
 *
 * <p>Each provider-onetime instance has a token of its own: opening a token destroys every one-time
 * key in it (what a stopped instance left), which would destroy a live neighbour's keys.
 *
 * @param directory holds {@code softhsm2.conf}, {@code tokens/} and {@code pin}
 */
record OnetimeToken(Path directory, Path library, String pin) {

    static final String LABEL = "onetime";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The token in {@code directory}, initialised with {@code softhsm2-util} unless it already is;
     * empty when {@code library} is not installed (provider-onetime then says what to install).
     *
     * @throws IOException when the library is there but the token cannot be initialised
     */
    static Optional<OnetimeToken> prepare(Path directory, Path library) throws IOException {
        if (!Files.isReadable(library)) {
            return Optional.empty();
        }
        Path dir = directory.toAbsolutePath().normalize();
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        Files.writeString(
                dir.resolve("softhsm2.conf"),
                "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        Path pinFile = dir.resolve("pin");
        if (Files.isReadable(pinFile) && hasToken(tokens)) {
            return Optional.of(
                    new OnetimeToken(dir, library, Files.readString(pinFile).strip()));
        }
        clear(tokens);
        String pin = HexFormat.of().formatHex(randomBytes(8));
        OnetimeToken token = new OnetimeToken(dir, library, pin);
        token.initialise(HexFormat.of().formatHex(randomBytes(8)));
        Files.deleteIfExists(pinFile);
        Files.createFile(pinFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(pinFile, pin);
        return Optional.of(token);
    }

    Path configuration() {
        return directory.resolve("softhsm2.conf");
    }

    /** What the provider-onetime process needs in its environment. */
    Map<String, String> environment() {
        return Map.of("SOFTHSM2_CONF", configuration().toString());
    }

    /** provider-onetime's {@code signing.onetime.hsm.*} for this token (SoftHSM2 lists it first). */
    Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("signing.onetime.hsm.library", library.toString());
        properties.put("signing.onetime.hsm.slot-list-index", "0");
        properties.put("signing.onetime.hsm.token", LABEL);
        properties.put("signing.onetime.hsm.pin", pin);
        return properties;
    }

    /**
     * The objects the token keeps (SoftHSM2's file store writes one {@code .object} file per token
     * object, besides the token's own {@code token.object}): keys and certificates.
     */
    long storedObjects() throws IOException {
        try (Stream<Path> files = Files.walk(directory.resolve("tokens"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".object") && !name.equals("token.object"))
                    .count();
        }
    }

    @Override
    public String toString() {
        return "OnetimeToken[directory=" + directory + ", library=" + library + ", pin=***]";
    }

    private void initialise(String soPin) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        "softhsm2-util", "--init-token", "--free", "--label", LABEL, "--so-pin", soPin, "--pin", pin)
                .redirectErrorStream(true);
        builder.environment().putAll(environment());
        Process init;
        try {
            init = builder.start();
        } catch (IOException e) {
            throw new IOException(
                    "cannot run softhsm2-util to initialise provider-onetime's token (install Debian's softhsm2): "
                            + e.getMessage(),
                    e);
        }
        try {
            String output = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!init.waitFor(30, TimeUnit.SECONDS) || init.exitValue() != 0) {
                throw new IOException("softhsm2-util --init-token failed in " + directory + ": " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            init.destroyForcibly();
            throw new IOException("interrupted while initialising provider-onetime's token", e);
        }
    }

    private static boolean hasToken(Path tokens) throws IOException {
        try (Stream<Path> entries = Files.list(tokens)) {
            return entries.anyMatch(Files::isDirectory);
        }
    }

    private static void clear(Path tokens) throws IOException {
        try (Stream<Path> old = Files.walk(tokens)) {
            for (Path path : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!path.equals(tokens)) {
                    Files.delete(path);
                }
            }
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
