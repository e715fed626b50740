package dev.signingsuite.gateway.status;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.MessageHeaders;

class AttemptsTest {

    @Test
    void absentIsZeroAndTheHeaderIsReadAsItArrives() {
        assertThat(Attempts.of(new MessageHeaders(Map.of()))).isZero();
        assertThat(Attempts.of(headers("2".getBytes(UTF_8)))).isEqualTo(2);
        assertThat(Attempts.of(headers("\"3\"".getBytes(UTF_8)))).isEqualTo(3);
        assertThat(Attempts.of(headers("4"))).isEqualTo(4);
    }

    @Test
    void aHeaderThatIsNoAttemptIsRefused() {
        assertThatThrownBy(() -> Attempts.of(headers("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Attempts.of(headers("-1"))).hasMessageContaining("negative");
    }

    private static MessageHeaders headers(Object value) {
        return new MessageHeaders(Map.of(Attempts.HEADER, value));
    }
}
