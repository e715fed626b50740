package dev.signingsuite.standalone;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a taken port into Boot's short "APPLICATION FAILED TO START" report, not a stack trace. */
class PortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Stop the other process, or start with --" + cause.settingName()
                        + "=<another port> (0 picks a free one).",
                cause);
    }
}
