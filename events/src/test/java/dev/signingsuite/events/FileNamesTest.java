package dev.signingsuite.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "invoice.pdf",
                "invoices/2025/invoice-42.pdf",
                "Arve nr 42 (õun).pdf",
                "счёт.pdf",
                "a",
                ".hidden",
                "..dots..pdf",
                "dir.d/file",
                "meta-inf.pdf",
                "META-INF",
                "mimetype.txt",
                "docs/mimetype"
            })
    void acceptsSafeNames(String name) {
        assertThat(FileNames.requireSafe(name)).isEqualTo(name);
    }

    static Stream<Arguments> unsafeNames() {
        return Stream.of(
                Arguments.of(null, "required"),
                Arguments.of("", "required"),
                Arguments.of("   ", "required"),
                Arguments.of("a".repeat(256), "255 UTF-8 bytes"),
                Arguments.of("õ".repeat(128), "255 UTF-8 bytes"),
                Arguments.of("bad\u0000name", "control characters"),
                Arguments.of("line\nbreak.pdf", "control characters"),
                Arguments.of("tab\t.pdf", "control characters"),
                Arguments.of("del\u007f.pdf", "control characters"),
                Arguments.of("c1\u0085.pdf", "control characters"),
                Arguments.of("c1\u009b.pdf", "control characters"),
                Arguments.of("dir\\file.pdf", "backslash"),
                Arguments.of("..\\..\\evil.exe", "backslash"),
                Arguments.of("/etc/passwd", "start with '/'"),
                Arguments.of("../evil.pdf", "'..'"),
                Arguments.of("a/../../evil.pdf", "'..'"),
                Arguments.of("..", "'..'"),
                Arguments.of(".", "'.'"),
                Arguments.of("./a.pdf", "'.'"),
                Arguments.of("a/./b.pdf", "'.'"),
                Arguments.of("a//b.pdf", "empty path segments"),
                Arguments.of("dir/", "empty path segments"),
                Arguments.of("META-INF/manifest.xml", "META-INF/"),
                Arguments.of("meta-inf/signature001.p7s", "META-INF/"),
                Arguments.of("Meta-Inf/x", "META-INF/"),
                Arguments.of("mimetype", "mimetype"),
                Arguments.of("MIMETYPE", "mimetype"));
    }

    @ParameterizedTest
    @MethodSource("unsafeNames")
    void rejectsUnsafeNames(String name, String problem) {
        assertThatThrownBy(() -> FileNames.requireSafe(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("file name")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @ValueSource(ints = {254, 255})
    void acceptsNamesUpToTheByteLimit(int length) {
        String name = "a".repeat(length);
        assertThat(FileNames.requireSafe(name)).isEqualTo(name);
    }
}
