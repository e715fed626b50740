package dev.signingsuite.gateway.intake;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.Provider;
import dev.signingsuite.testsupport.SampleEvents;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/** What a back office's plain Kafka client may write on the intake, and what the intake says back. */
class IntakeRecordTest {

    private static final String PLACE = "signing.intake.v1/3/42";
    private static final String TYPE = "dev.signingsuite.document-submitted.v1";

    private final DocumentSubmitted submitted = SampleEvents.submitted("plain-1", Provider.CSC, "sandbox-seal");

    @Test
    void aRecordWithoutCloudEventsHeadersIsReadAndGivenAFullEnvelope() {
        Message<DocumentSubmitted> read = IntakeRecord.read(
                MessageBuilder.withPayload(EventJson.write(submitted)).build(), PLACE);

        assertThat(read.getPayload()).usingRecursiveComparison().isEqualTo(submitted);
        assertThat(read.getHeaders().get(CloudEventHeaders.TYPE)).isEqualTo(TYPE);
        assertThat(read.getHeaders().get(CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(read.getHeaders().get(CloudEventHeaders.SOURCE)).isEqualTo(IntakeRecord.PLAIN_PRODUCER_SOURCE);
        // From the record's place, so a redelivery carries the same id.
        assertThat(read.getHeaders().get(CloudEventHeaders.ID)).isEqualTo("kafka:" + PLACE);
    }

    @Test
    void headersAProducerSetAreKeptAndOnlyTheMissingOnesFilled() {
        Message<byte[]> onlyType = MessageBuilder.withPayload(EventJson.write(submitted))
                .setHeader(CloudEventHeaders.TYPE, TYPE.getBytes(UTF_8))
                .setHeader(CloudEventHeaders.SOURCE, "/erp")
                .build();

        Message<DocumentSubmitted> read = IntakeRecord.read(onlyType, PLACE);

        assertThat(text(read.getHeaders().get(CloudEventHeaders.SOURCE))).isEqualTo("/erp");
        assertThat(read.getHeaders().get(CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
    }

    @Test
    void aTypeHeaderNamingAnotherEventIsRefused() {
        Message<byte[]> mislabelled = MessageBuilder.withPayload(EventJson.write(submitted))
                .setHeader(CloudEventHeaders.TYPE, "dev.signingsuite.document-failed.v1")
                .build();

        assertThatThrownBy(() -> IntakeRecord.read(mislabelled, PLACE))
                .isInstanceOf(IntakeRecord.Unreadable.class)
                .hasMessageContaining("header ce_type must be " + TYPE);
    }

    @Test
    void refusalsNameTheFieldAndTheProblemButNeverRepeatTheValue() {
        String secret = "c2VjcmV0LXBheXJvbGw*not-base64";
        String badContent = new String(EventJson.write(submitted), UTF_8)
                .replaceFirst("\"content\":\"[^\"]*\"", "\"content\":\"" + secret + "\"");

        assertThat(refusal(badContent)).contains("field content").doesNotContain(secret);
        assertThat(refusal("{\"tenantId\": \"acme\", \"token\": \"hunter2\" truncated"))
                .startsWith("not JSON")
                .doesNotContain("hunter2")
                .doesNotContain("acme");
        assertThat(refusal("{\"schemaVersion\":1,\"tenantId\":\"acme\",\"clientReference\":\"k\"}"))
                .contains("file name is required")
                .doesNotContain("acme");
        assertThat(refusal("{\"schemaVersion\":\"one-secret\",\"tenantId\":42}"))
                .contains("field schemaVersion")
                .doesNotContain("one-secret");
        assertThat(refusal("")).isEqualTo("the record is empty");
    }

    @Test
    void aRecordWithBothInlineContentAndAnObjectIsRefusedNamingBoth() {
        String both = new String(EventJson.write(submitted), UTF_8)
                .replaceFirst(
                        "\\{",
                        "{\"contentObject\":{\"uri\":\"s3://acme-out/a.pdf\",\"sha256\":\"" + "a".repeat(64) + "\"},");

        assertThat(refusal(both)).contains("content and contentObject").doesNotContain("acme-out");
    }

    private static String text(Object header) {
        return header instanceof byte[] bytes ? new String(bytes, UTF_8) : String.valueOf(header);
    }

    private static String refusal(String value) {
        Message<byte[]> record =
                MessageBuilder.withPayload(value.getBytes(UTF_8)).build();
        try {
            IntakeRecord.read(record, PLACE);
        } catch (IntakeRecord.Unreadable e) {
            return e.getMessage();
        }
        throw new AssertionError("read: " + value);
    }
}
