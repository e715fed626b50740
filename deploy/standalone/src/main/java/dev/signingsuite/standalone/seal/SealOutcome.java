package dev.signingsuite.standalone.seal;

import java.nio.file.Path;
import java.time.Duration;

/** What became of one input file. */
public record SealOutcome(String fileName, Path container, String failure, Duration latency) {

    static SealOutcome assembled(String fileName, Path container, Duration latency) {
        return new SealOutcome(fileName, container, null, latency);
    }

    static SealOutcome failed(String fileName, String failure, Duration latency) {
        return new SealOutcome(fileName, null, failure, latency);
    }

    public boolean succeeded() {
        return failure == null;
    }
}
