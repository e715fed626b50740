package dev.signingsuite.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunLoggingTest {

    @Test
    void logsToTheDataDirectoryAndWarningsToTheConsole() {
        Map<String, String> properties = RunLogging.properties(List.of("--standalone.data-dir=/srv/suite"), Map.of());

        assertThat(properties)
                .containsEntry(
                        RunLogging.FILE, Path.of("/srv/suite/logs/suite.log").toString())
                .containsEntry(RunLogging.CONSOLE_THRESHOLD, "WARN");
    }

    @Test
    void theDataDirectoryMayComeFromTheEnvironmentOrTheDefault() {
        assertThat(RunLogging.properties(List.of(), Map.of("STANDALONE_DATA_DIR", "/var/lib/suite")))
                .containsEntry(
                        RunLogging.FILE,
                        Path.of("/var/lib/suite/logs/suite.log").toString());
        assertThat(RunLogging.properties(List.of(), Map.of()).get(RunLogging.FILE))
                .isEqualTo(Path.of("data/logs/suite.log").toAbsolutePath().toString());
    }

    @Test
    void whatTheUserGivesWins() {
        assertThat(RunLogging.properties(
                        List.of("--logging.threshold.console=INFO", "--logging.file.name=/tmp/x.log"), Map.of()))
                .isEmpty();
    }
}
