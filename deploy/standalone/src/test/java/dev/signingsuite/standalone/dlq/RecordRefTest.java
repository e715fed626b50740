package dev.signingsuite.standalone.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class RecordRefTest {

    @Test
    void topicNamesKeepTheirDots() {
        RecordRef ref = RecordRef.parse("error.signing.signature-augmented.v1.container-service:3:1207");

        assertThat(ref).isEqualTo(new RecordRef("error.signing.signature-augmented.v1.container-service", 3, 1207));
        assertThat(ref.toString()).isEqualTo("error.signing.signature-augmented.v1.container-service:3:1207");
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> RecordRef.parse("topic:1")).hasMessageContaining("TOPIC:PARTITION:OFFSET");
        assertThatThrownBy(() -> RecordRef.parse("topic:one:2")).hasMessageContaining("numbers");
        assertThatThrownBy(() -> RecordRef.parse(":1:2")).hasMessageContaining("TOPIC:PARTITION:OFFSET");
    }

    @Test
    void theBindersBinaryNumbersAreShownAsNumbers() {
        assertThat(DeadLetter.display(new RecordHeader(
                        "x-original-partition", ByteBuffer.allocate(4).putInt(5).array())))
                .isEqualTo("5");
        assertThat(DeadLetter.display(new RecordHeader(
                        "x-original-offset",
                        ByteBuffer.allocate(8).putLong(70_000L).array())))
                .isEqualTo("70000");
        assertThat(DeadLetter.display(new RecordHeader("x-original-topic", "abcd".getBytes())))
                .isEqualTo("abcd");
        assertThat(DeadLetter.display(new RecordHeader("bin", new byte[] {(byte) 0xff, 0})))
                .startsWith("base64:");
    }

    @Test
    void replaysCarryOnlyTheOriginalHeaders() {
        assertThat(DeadLetter.carriedOnReplay("ce_subject")).isTrue();
        assertThat(DeadLetter.carriedOnReplay("signing-attempt")).isTrue();
        assertThat(DeadLetter.carriedOnReplay("x-exception-message")).isFalse();
        assertThat(DeadLetter.carriedOnReplay("x-original-offset")).isFalse();
        assertThat(DeadLetter.carriedOnReplay(DeadLetters.REPLAYED_FROM)).isFalse();
    }
}
