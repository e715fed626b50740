package dev.signingsuite.standalone;

import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.standalone.Invocation.Command;
import dev.signingsuite.standalone.Invocation.SealOptions;
import dev.signingsuite.standalone.seal.FormatChoice;
import java.nio.file.Path;
import java.util.List;

/** The options of {@code seal}, checked before anything starts. */
final class SealArguments {

    private SealArguments() {}

    static Invocation parse(
            List<String> words,
            String out,
            String level,
            String provider,
            String format,
            boolean oneContainer,
            boolean processes,
            List<String> springArgs) {
        if (words.size() != 2) {
            return Invocation.unknown("seal takes exactly one INPUT_DIR");
        }
        if (out == null) {
            return Invocation.unknown("seal needs --out OUTPUT_DIR");
        }
        if (oneContainer && processes) {
            return Invocation.unknown("--one-container and --processes cannot be combined");
        }
        try {
            FormatChoice signatureFormat = FormatChoice.parse(format);
            if (oneContainer && !signatureFormat.equals(FormatChoice.of(SignatureFormat.ASIC_E_CADES))) {
                return Invocation.unknown("--one-container seals ASiC-E with CAdES only, for now");
            }
            SealOptions options = new SealOptions(
                    Path.of(words.get(1)),
                    Path.of(out),
                    Invocation.level(level),
                    Invocation.provider(provider),
                    oneContainer,
                    processes,
                    signatureFormat);
            return new Invocation(Command.SEAL, null, springArgs, options, null, processes, null);
        } catch (IllegalArgumentException e) {
            return Invocation.unknown(e.getMessage());
        }
    }
}
