package dev.signingsuite.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.signature.AsicLayout;
import dev.signingsuite.testsupport.StageBindingContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

@TestPropertySource(properties = "spring.config.name=" + ContainerServiceApplication.CONFIG_NAME)
class ContainerServiceBindingsIT extends StageBindingContract {

    // Started before the Spring context, which reads its trust anchors and blob root.
    private static final Path DIR = tempDir();
    private static final ContainerFixtures FIXTURES = start(DIR);

    @DynamicPropertySource
    static void containerProperties(DynamicPropertyRegistry registry) {
        registry.add("signing.blob-store.root", () -> FIXTURES.blobRoot().toString());
        registry.add(
                "signing.container.trust-anchors", () -> FIXTURES.trustAnchors().toString());
        registry.add("signing.container.work-dir", () -> DIR.resolve("work").toString());
    }

    @AfterAll
    static void stopSandbox() {
        FIXTURES.close();
        FileSystemUtils.deleteRecursively(DIR.toFile());
    }

    @Override
    protected String inputTopic() {
        return TOPICS.signatureAugmented().name();
    }

    @Override
    protected String outputTopic() {
        return TOPICS.containerAssembled().name();
    }

    @Override
    protected String consumerGroup() {
        return "container-service";
    }

    @Override
    protected Object sampleInput(String reference) {
        return FIXTURES.signedDocument(reference, "invoice-" + reference + ".pdf");
    }

    @Override
    protected void assertAnswer(Object input, byte[] answer) {
        SignatureAugmented augmented = (SignatureAugmented) input;
        ContainerAssembled assembled = EventJson.read(answer, ContainerAssembled.class);
        assertThat(assembled.documentId()).isEqualTo(augmented.documentId());
        assertThat(assembled.files()).isEqualTo(augmented.files());
        assertThat(assembled.containerName()).isEqualTo(augmented.files().get(0).name() + ".asice");
        assertThat(assembled.validation().indication()).isEqualTo("TOTAL_PASSED");
        assertThat(assembled.validation().level()).isEqualTo(SignatureLevel.LT);
        assertThat(assembled.validation().signedBy()).isEqualTo("Sandbox Invoicing SIA");
        try {
            Path copy = Files.createTempFile(DIR, "stored-", ".asice");
            try (InputStream in = FIXTURES.blobs().open(assembled.container())) {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            try (ZipFile zip = new ZipFile(copy.toFile())) {
                assertThat(zip.stream().map(ZipEntry::getName))
                        .containsExactly(
                                AsicLayout.MIMETYPE_ENTRY,
                                augmented.files().get(0).name(),
                                AsicLayout.MANIFEST_ENTRY,
                                AsicLayout.SIGNATURE_ENTRY);
                try (InputStream signature = zip.getInputStream(zip.getEntry(AsicLayout.SIGNATURE_ENTRY))) {
                    assertThat(signature.readAllBytes())
                            .isEqualTo(augmented.signature().content());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("container-service-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ContainerFixtures start(Path dir) {
        try {
            return ContainerFixtures.start(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
