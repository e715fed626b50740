package dev.signingsuite.standalone;

/** The text of {@code --help}: commands first, then the settings people change most. */
final class Usage {

    static final String TEXT = """
            Usage: suite [COMMAND] [--setting=value ...]

            Commands:
              run         Start a single-node Kafka broker (KRaft, loopback only), the sandbox
                          (test PKI, TSA, OCSP, CSC simulator) and every service of the suite
                          (gateway REST API on 127.0.0.1:8080) with an embedded PostgreSQL for
                          the gateway's status store, print their addresses and stay up until
                          Ctrl+C or SIGTERM. This is the default command.
              run --processes [--provider csc|eparaksts|smartid|onetime]
                          The same suite as separate processes: a three-node KRaft cluster
                          (replication factor 3), PostgreSQL, one gateway and two processes of
                          each stage and of each provider (or only the one named), every one a
                          JVM of this jar; logs in DATA_DIR/processes. Ctrl+C stops them all.
              bench --documents N --json FILE [--level LT] [--provider csc|eparaksts]
                    [--format asice-cades|asice-xades|pades]
                    [--size BYTES] [--partitions N] [--batch-window MS] [--runs N]
                    [--interactive-share SHARE] [--interactive-intake rest|kafka] [--verbose]
                          Measure: a plain DSS loop (the baseline, on 2, 4 or 8 threads, whichever
                          was fastest in a trial) and the whole suite through the broker seal the
                          same N generated documents of BYTES (20000) at the level, RUNS (3)
                          times each; prints the medians of documents/s and of CPU ms per document (the
                          sandbox's left out) of both, their ratios, the suite's CPU per stage,
                          peak memory and latency p50/p95/p99 with documents submitted at half
                          its throughput, as a Markdown table, and writes them to FILE as JSON.
                          --interactive-share: then SHARE x N Smart-ID documents, a person's,
                          sent over REST as an e-service sends them (or, --interactive-intake
                          kafka, on the interactive Kafka intake as a back office does) and paced
                          through one more bulk run of N; prints their p50/p99 from upload to
                          outcome (a person's wait under bulk load) and the time of each hop.
                          --format: both sides seal in that format (asice-cades by default);
                          pades generates PDF invoices with about BYTES of text.
                          --verbose: also the busiest threads and the stage each counted for.
                          Uses a fresh data directory.
              chaos --documents N --provider csc|eparaksts|smartid --json FILE [--level LT]
                    [--kill-every DURATION] [--broker-kills K] [--faults SHARE] [--outage DURATION]
                    [--malformed M]
                          On the layout of run --processes in a fresh data directory: submit N
                          documents through the Kafka intake with M malformed records among them,
                          SIGKILL a random service process every DURATION (30s, 2m, PT2M) and start
                          it again (the next kill DURATION after it is back), kill and restart
                          a Kafka node K times, fail SHARE (0..1) of the signer's, TSA's and OCSP's
                          requests, and take TSA and OCSP down once for DURATION. Counts every
                          outcome, validates every container, maps every remote signature to its
                          document; writes the figures to FILE as JSON. Exit status 0 only when no
                          document is missing, none has two outcomes or two signatures, every
                          container is valid and every malformed record was answered.
              dlq list [TOPIC...] | show TOPIC:PARTITION:OFFSET | replay TOPIC:PARTITION:OFFSET...
                  | replay --all TOPIC...   [--kafka.bootstrap-servers=HOST:PORT]
                          The dead-letter topics (error.<topic>.<group>) of a cluster (127.0.0.1:9092
                          by default): each record's document, cause and origin; one record's
                          headers and payload; or a replay to the topic it came from with its key
                          and original headers, marked signing-replayed-from. A record replayed
                          before is not sent again. Exit status 1 when a named record is missing.
              formats --out OUTPUT_DIR
                          Seal one PDF and one XML with --format auto (PAdES and ASiC-E with
                          XAdES) through csc, eparaksts and smartid at B, T, LT and LTA in one
                          suite, validate each output with DSS (TOTAL_PASSED at exactly that
                          level) and print the matrix; the outputs stay in OUTPUT_DIR/<provider>-
                          <level>/ for pdfsig, qpdf and DigiDoc4j. Exit status 1 when any failed.
              help        Print this text (also --help, -h).

              seal INPUT_DIR --out OUTPUT_DIR [--level B|T|LT|LTA]
                   [--provider csc|eparaksts|smartid|onetime]
                   [--format asice-cades|asice-xades|pades|auto]
                   [--one-container | --processes] [--csc-profile PROFILE]
                          Start the suite, seal every file in INPUT_DIR (level LT and provider csc
                          by default) into OUTPUT_DIR/<file name>.asice, write trust-anchor.pem
                          beside them, print a summary and stop. Exit status 1 when any document
                          failed. --one-container: all files in one OUTPUT_DIR/<INPUT_DIR name>.asice
                          under one signature (one Smart-ID confirmation), sent over REST.
                          --format asice-xades: ASiC-E with XAdES, as DigiDoc4 and eparaksts.lv
                          expect, B to LTA (default asice-cades: ASiC-E with CAdES).
                          --format pades: each PDF signed inside itself (PAdES, B to LTA) as
                          OUTPUT_DIR/<file name>; any other file fails as INVALID_DOCUMENT.
                          --format auto: PDFs (a %PDF- header) in PAdES as OUTPUT_DIR/<file name>,
                          every other file in ASiC-E with XAdES as OUTPUT_DIR/<file name>.asice.
                          --processes: on the layout of run --processes (two of each stage and
                          of the provider); the summary adds each process's documents, CPU
                          time and memory, and the CPU milliseconds per document of each stage.
                          Uses a temporary data directory and free ports unless told otherwise.
                          --provider onetime: one-time signing (a SoftHSM2 key per signing, a
                          60 s certificate from the sandbox's EST CA) for the sandbox's test
                          person; needs Debian's softhsm2, else every document fails
                          STAGE_UNAVAILABLE saying so.

            --csc-profile generic|lvrtc|sign8|eudi-reference   (run, seal, bench, chaos; csc only)
                          The real CSC service the sandbox's simulator poses as, strict in its
                          way, and provider-csc's service profile: both set to the same [generic].

            Settings (defaults in brackets; also from environment, e.g. STANDALONE_KAFKA_PORT):
              --standalone.data-dir=PATH          broker log, sandbox keys, blobs, database [./data]
              --standalone.kafka.port=PORT        broker port on 127.0.0.1, 0 = any free [9092]
              --standalone.kafka.partitions=N     partitions of auto-created topics [6]
              --standalone.sandbox.port=PORT      sandbox HTTP port on 127.0.0.1, 0 = any free [8190]
              --standalone.services.gateway-port=PORT   the gateway's HTTP port, 0 = any free [8080]
              --standalone.services.base-port=PORT      other services count up from here [8081]
              --standalone.services.enabled=false       only the broker and the sandbox
              --standalone.database.port=PORT     PostgreSQL port on 127.0.0.1, 0 = any free [0]
              --standalone.onetime.enabled=false  do not start provider-onetime [true; seal: only
                                                  with --provider onetime]
              --standalone.onetime.library=PATH   its PKCS#11 library [/usr/lib/softhsm/libsofthsm2.so]
              --standalone.seal-timeout=DURATION  how long seal waits for the outcomes [10m]
              --standalone.processes.instances=N  --processes: processes per stage and provider [2]
              --standalone.processes.brokers=N    --processes: KRaft nodes [3]
              --standalone.processes.jvm-options=OPTS   of every child JVM
                                                  [-Xmx256m,-XX:+UseSerialGC,-XX:ActiveProcessorCount=1]

            Exit status: 0 after a clean stop (or every document sealed), 1 if start-up failed or a
            document failed (chaos: the run did not pass), 2 for a usage error.
            """;

    private Usage() {}
}
