package dev.signingsuite.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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

    @Test
    void theIntakeLimitLeavesRoomForTheLongestSuffix() {
        assertThat(FileNames.MAX_INTAKE_UTF8_BYTES + FileNames.LONGEST_SUFFIX.length())
                .isEqualTo(FileNames.MAX_UTF8_BYTES);
        String longest = "a".repeat(FileNames.MAX_INTAKE_UTF8_BYTES);
        assertThat(FileNames.requireSafe(longest + FileNames.LONGEST_SUFFIX)).endsWith(".asice");
    }

    @ParameterizedTest
    @MethodSource("namesOfBytes")
    void intakeAcceptsNamesUpTo249Bytes(String name, int bytes) {
        assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        if (bytes <= 249) {
            assertThat(FileNames.requireAtIntake(name)).isEqualTo(name);
        } else {
            assertThatThrownBy(() -> FileNames.requireAtIntake(name))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most 249 UTF-8 bytes");
        }
    }

    static Stream<Arguments> namesOfBytes() {
        return Stream.of(
                Arguments.of("a".repeat(245) + ".pdf", 249),
                Arguments.of("a".repeat(246) + ".pdf", 250),
                Arguments.of("a".repeat(251) + ".pdf", 255),
                // two-byte õ, three-byte €, four-byte 😀: a name is measured in bytes, not characters
                Arguments.of("õ".repeat(120) + "€" + "a".repeat(2) + ".pdf", 249),
                Arguments.of("õ".repeat(121) + "€" + "a".repeat(1) + ".pdf", 250),
                Arguments.of("😀".repeat(62) + "a.pdf", 253),
                Arguments.of("😀".repeat(61) + "aaaaa", 249),
                Arguments.of("€".repeat(85), 255));
    }

    @Test
    void intakeAppliesTheSafetyRulesToo() {
        assertThatThrownBy(() -> FileNames.requireAtIntake("../evil.pdf")).hasMessageContaining("'..'");
    }
}
