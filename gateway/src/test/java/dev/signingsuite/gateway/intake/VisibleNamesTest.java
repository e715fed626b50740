package dev.signingsuite.gateway.intake;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.FailureReason;
import org.junit.jupiter.api.Test;

class VisibleNamesTest {

    @Test
    void bidiControlsAndInvisibleCharactersAreRefusedByCodePoint() {
        String[][] cases = {
            {"invoice\u202Egpj.exe", "U+202E at index 7"},
            {"\uFEFFa.pdf", "U+FEFF at index 0"},
            {"a\u200Bb.pdf", "U+200B"},
            {"a\u200Fb.pdf", "U+200F"},
            {"a\u2066b\u2069.pdf", "U+2066"},
            {"a\u2028b.pdf", "U+2028"},
            {"a\uDB40\uDC01.pdf", "U+E0001"}
        };
        for (String[] refused : cases) {
            assertThatThrownBy(() -> IntakeAcceptor.requireSafeFileName(refused[0]))
                    .isInstanceOf(IntakeRejectedException.class)
                    .hasMessageContaining("invisible format characters")
                    .hasMessageContaining(refused[1])
                    .extracting(e -> ((IntakeRejectedException) e).reason())
                    .isEqualTo(FailureReason.INVALID_FILE_NAME);
        }
    }

    @Test
    void whatInvalidUtf8DecodedToIsRefused() {
        assertThatThrownBy(() -> IntakeAcceptor.requireSafeFileName("a\uFFFD.pdf"))
                .hasMessageContaining("not valid UTF-8")
                .hasMessageContaining("U+FFFD");
        assertThatThrownBy(() -> IntakeAcceptor.requireSafeFileName("a\uD800.pdf"))
                .hasMessageContaining("not valid UTF-8")
                .hasMessageContaining("U+D800");
    }

    @Test
    void visibleNamesInAnyScriptPass() {
        assertThatCode(() -> IntakeAcceptor.requireSafeFileName("Līgums_ööd_договор_契約.pdf"))
                .doesNotThrowAnyException();
    }
}
