package dev.signingsuite.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"doc-1", "acme", "INV-2025.000042", "urn:uuid:7f3c2a1e", "a_b"})
    void acceptsPlainIds(String id) {
        assertThat(Ids.require(id, "documentId")).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "a/b", "ä", "a\nb", "x;drop"})
    void rejectsOtherIdsNamingTheField(String id) {
        assertThatThrownBy(() -> Ids.require(id, "batchId"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("batchId");
    }

    @Test
    void limitsTheLength() {
        assertThat(Ids.require("a".repeat(128), "tenantId")).hasSize(128);
        assertThatThrownBy(() -> Ids.require("a".repeat(129), "tenantId"))
                .hasMessage("tenantId must be at most 128 characters but has 129");
    }

    @Test
    void optionalAcceptsNull() {
        assertThat(Ids.optional(null, "clientReference")).isNull();
        assertThatThrownBy(() -> Ids.optional("", "clientReference")).hasMessageStartingWith("clientReference");
    }
}
