package dev.signingsuite.container.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.container.ContainerFixtures;
import dev.signingsuite.container.assembly.AsicContainerWriter;
import dev.signingsuite.container.assembly.ContainerAssembler;
import dev.signingsuite.container.assembly.ContainerNameRefused;
import dev.signingsuite.container.validation.ContainerValidator;
import dev.signingsuite.container.validation.TrustAnchors;
import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.EventTypes;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.Topics;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.RoutedStage;
import dev.signingsuite.testclock.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class ContainerStageTest {

    @TempDir
    static Path dir;

    private static ContainerFixtures fixtures;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Function<Message<SignatureAugmented>, Message<DocumentEvent>> binding;
    private final List<Throwable> deadLetters = new ArrayList<>();

    @BeforeAll
    static void startSandbox() throws IOException {
        fixtures = ContainerFixtures.start(dir);
    }

    @AfterAll
    static void stopSandbox() {
        fixtures.close();
    }

    @Test
    void routesAnAssembledContainerToContainerAssembledAndCountsIt() throws IOException {
        Message<DocumentEvent> out = binding().apply(message(fixtures.signedDocument("doc-1", "invoice.pdf")));

        assertThat(out.getPayload()).isInstanceOf(ContainerAssembled.class);
        assertThat(out.getHeaders().get(RoutedStage.SEND_TO)).isEqualTo("signing.container-assembled.v1");
        assertThat(meters.get("signing.documents")
                        .tags("stage", "container", "outcome", "assembled")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(meters.get("signing.stage.duration")
                        .tag("stage", "container")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("signing.validation.duration").timer().count()).isEqualTo(1);
    }

    @Test
    void routesAFailureToDocumentFailedAndCountsIt() throws Exception {
        SignatureAugmented tampered =
                ContainerFixtures.withTamperedSignatureValue(fixtures.signedDocument("doc-2", "invoice.pdf"));

        Message<DocumentEvent> out = binding().apply(message(tampered));

        assertThat(out.getPayload()).isInstanceOf(DocumentFailed.class);
        assertThat(out.getHeaders().get(RoutedStage.SEND_TO)).isEqualTo("signing.document-failed.v1");
        assertThat(out.getHeaders().get(CloudEventHeaders.SUBJECT)).isEqualTo("doc-2");
        assertThat(meters.get("signing.documents")
                        .tags("stage", "container", "outcome", "failed")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void aNameNoContainerCanCarryFailsTheDocumentAndDeadLettersTheRecord() throws IOException {
        // 250 bytes pass intake's old limit of 255; "<name>.asice" is 256.
        String name = "n".repeat(246) + ".pdf";

        Message<DocumentEvent> out = binding().apply(message(fixtures.signedDocument("doc-long", name)));

        assertThat(out.getPayload()).isInstanceOfSatisfying(DocumentFailed.class, failed -> {
            assertThat(failed.documentId()).isEqualTo("doc-long");
            assertThat(failed.stage()).isEqualTo(FailureStage.CONTAINER);
            assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_FILE_NAME);
            assertThat(failed.message()).contains("255 UTF-8 bytes").doesNotContain(name);
        });
        assertThat(out.getHeaders().get(RoutedStage.SEND_TO)).isEqualTo("signing.document-failed.v1");
        assertThat(deadLetters).singleElement().isInstanceOf(ContainerNameRefused.class);
    }

    private Function<Message<SignatureAugmented>, Message<DocumentEvent>> binding() throws IOException {
        ContainerAssembler assembler = new ContainerAssembler(
                new AsicContainerWriter(fixtures.blobs()),
                ContainerValidator.create(TrustAnchors.load(fixtures.trustAnchors()), meters),
                fixtures.blobs(),
                Long.MAX_VALUE,
                dir.resolve("work"),
                TestClock.system());
        return ContainerStage.stage(
                assembler,
                new EventMessages("/test", TestClock.system()),
                Topics.defaults(),
                meters,
                (message, cause) -> deadLetters.add(cause),
                null);
    }

    private static Message<SignatureAugmented> message(SignatureAugmented event) {
        return MessageBuilder.withPayload(event)
                .setHeader(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE)
                .setHeader(CloudEventHeaders.ID, "id-" + event.documentId())
                .setHeader(CloudEventHeaders.TYPE, EventTypes.typeOf(SignatureAugmented.class))
                .setHeader(CloudEventHeaders.SOURCE, "/test")
                .setHeader(CloudEventHeaders.SUBJECT, event.documentId())
                .build();
    }
}
