package dev.signingsuite.standalone;

/** The text of {@code --help}: commands first, then the settings people change most. */
final class Usage {

    static final String TEXT = """
            Usage: suite [COMMAND] [--setting=value ...]

            Commands:
              run         Start a single-node Kafka broker (KRaft, loopback only) and the sandbox
                          trust services (TSA, OCSP, test PKI), print their addresses and stay up
                          until Ctrl+C or SIGTERM. This is the default command.
              help        Print this text (also --help, -h).

            Coming soon:
              seal INPUT_DIR --out OUTPUT_DIR [--level B|T|LT|LTA] [--provider csc|eparaksts|smartid]
                          Seal every document in INPUT_DIR into ASiC-E containers in OUTPUT_DIR.

            Settings (defaults in brackets; also from environment, e.g. STANDALONE_KAFKA_PORT):
              --standalone.data-dir=PATH          broker log and sandbox keys [./data]
              --standalone.kafka.port=PORT        broker port on 127.0.0.1, 0 = any free [9092]
              --standalone.kafka.partitions=N     partitions of auto-created topics [6]
              --standalone.sandbox.port=PORT      sandbox HTTP port on 127.0.0.1, 0 = any free [8190]

            Exit status: 0 after a clean stop, 1 if start-up failed, 2 for a usage error.
            """;

    private Usage() {}
}
