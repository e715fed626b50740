package dev.signingsuite.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.standalone.Invocation.Command;
import org.junit.jupiter.api.Test;

class InvocationTest {

    @Test
    void noCommandMeansRun() {
        assertThat(Invocation.parse().command()).isEqualTo(Command.RUN);
    }

    @Test
    void runPassesSettingsToSpring() {
        Invocation invocation = Invocation.parse("run", "--standalone.kafka.port=0", "--debug");

        assertThat(invocation.command()).isEqualTo(Command.RUN);
        assertThat(invocation.springArgs()).containsExactly("--standalone.kafka.port=0", "--debug");
    }

    @Test
    void helpWinsWherever() {
        assertThat(Invocation.parse("--help").command()).isEqualTo(Command.HELP);
        assertThat(Invocation.parse("run", "-h").command()).isEqualTo(Command.HELP);
        assertThat(Invocation.parse("help").command()).isEqualTo(Command.HELP);
    }

    @Test
    void unknownWordsAreAUsageError() {
        assertThat(Invocation.parse("start").command()).isEqualTo(Command.UNKNOWN);
        assertThat(Invocation.parse("run", "now")).satisfies(invocation -> {
            assertThat(invocation.command()).isEqualTo(Command.UNKNOWN);
            assertThat(invocation.word()).isEqualTo("now");
        });
        // Not implemented yet, so it must not silently start the broker instead.
        assertThat(Invocation.parse("seal", "in", "--out", "out")).satisfies(invocation -> {
            assertThat(invocation.command()).isEqualTo(Command.UNKNOWN);
            assertThat(invocation.word()).isEqualTo("seal");
        });
    }

    @Test
    void usageMentionsTheComingSealCommand() {
        assertThat(Usage.TEXT).contains("run").contains("seal INPUT_DIR --out OUTPUT_DIR");
    }
}
