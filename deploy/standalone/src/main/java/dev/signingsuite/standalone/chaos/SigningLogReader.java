package dev.signingsuite.standalone.chaos;

import dev.signingsuite.sandbox.Sandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adapter to the sandbox's signing log ({@code Sandbox.signingLog().entries()}, each a {@code
 * SignedDigest(simulator, digest, at)}), read reflectively so that this command builds and runs on a
 * sandbox without it (the log arrives with the providers' branch of issue 16): empty then, and the
 * report says the signatures were not counted. Once the log is merged this can call it directly.
 */
public final class SigningLogReader {

    public record Signed(String simulator, byte[] digest) {}

    private SigningLogReader() {}

    public static Optional<List<Signed>> entries(Sandbox sandbox) {
        try {
            Object log = sandbox.getClass().getMethod("signingLog").invoke(sandbox);
            List<?> entries = (List<?>) log.getClass().getMethod("entries").invoke(log);
            List<Signed> signed = new ArrayList<>();
            for (Object entry : entries) {
                signed.add(new Signed(
                        (String) entry.getClass().getMethod("simulator").invoke(entry),
                        (byte[]) entry.getClass().getMethod("digest").invoke(entry)));
            }
            return Optional.of(signed);
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the sandbox's signing log: " + e, e);
        }
    }
}
