package dev.signingsuite.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventTypesTest {

    @Test
    void mapsClassesToTypesAndBack() {
        assertThat(EventTypes.typeOf(DocumentReceived.class)).isEqualTo("dev.signingsuite.document-received.v1");
        assertThat(EventTypes.typeOf(DocumentSubmitted.class)).isEqualTo("dev.signingsuite.document-submitted.v1");
        for (Topic<?> topic : Topics.defaults().all()) {
            String type = EventTypes.typeOf(topic.payloadType());
            assertThat(EventTypes.classOf(type)).contains(topic.payloadType());
        }
    }

    @Test
    void unknownTypes() {
        assertThat(EventTypes.classOf("dev.signingsuite.document-received.v9")).isEmpty();
        assertThat(EventTypes.classOf(null)).isEmpty();
        assertThatThrownBy(() -> EventTypes.typeOf(String.class)).hasMessageContaining("java.lang.String");
    }
}
