package dev.signingsuite.standalone;

/** {@code chaos}: see {@link Invocation.ChaosOptions}. */
final class ChaosCommand {

    private ChaosCommand() {}

    static int run(Invocation invocation) {
        System.err.println("chaos: not built yet");
        return StandaloneApplication.EXIT_STARTUP_FAILED;
    }
}
