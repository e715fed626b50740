package dev.signingsuite.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The published schemas of the public contract accept the golden files and reject broken ones. */
class JsonSchemaTest {

    // the validator reads with Jackson 2; the events themselves never do
    private static final ObjectMapper JACKSON2 = new ObjectMapper();

    private static JsonSchema schema(String name) throws IOException {
        try (InputStream in = JsonSchemaTest.class.getResourceAsStream("/schemas/" + name + ".v1.schema.json")) {
            assertThat(in).as("schema " + name).isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        }
    }

    private static ObjectNode golden(String name) throws IOException {
        return (ObjectNode) JACKSON2.readTree(Golden.bytes(name));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "document-submitted",
                "container-assembled",
                "document-failed",
                "intake-rejected",
                "batch-cancelled"
            })
    void goldenFileIsValid(String name) throws IOException {
        assertThat(schema(name).validate(golden(name))).isEmpty();
    }

    @Test
    void aDocumentInTheTenantsBucketIsValidButNotBothFormsAtOnce() throws IOException {
        ObjectNode byObject = golden("document-submitted-object");
        assertThat(schema("document-submitted").validate(byObject)).isEmpty();

        byObject.put("content", "JVBERi0=");
        assertThat(schema("document-submitted").validate(byObject)).isNotEmpty();
        byObject.remove("content");
        byObject.remove("contentObject");
        assertThat(schema("document-submitted").validate(byObject)).isNotEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "document-submitted, clientReference",
        "document-submitted, content",
        "document-submitted, signer",
        "container-assembled, container",
        "container-assembled, documentId",
        "document-failed, reason",
        "document-failed, failedAt",
        "intake-rejected, clientReference",
        "intake-rejected, reason",
        "batch-cancelled, batchId"
    })
    void missingRequiredFieldIsRejected(String name, String field) throws IOException {
        ObjectNode document = golden(name);
        document.remove(field);

        Set<ValidationMessage> errors = schema(name).validate(document);

        assertThat(errors).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains(field));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.pdf", "META-INF/manifest.xml", "/abs.pdf", "a\\b.pdf", "mimetype", "a//b"})
    void unsafeFileNameIsRejected(String fileName) throws IOException {
        ObjectNode document = golden("document-submitted");
        document.put("fileName", fileName);

        assertThat(schema("document-submitted").validate(document)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "document-submitted",
                "container-assembled",
                "document-failed",
                "intake-rejected",
                "batch-cancelled"
            })
    void unknownPropertiesAndNewReasonCodesAreAllowed(String name) throws IOException {
        ObjectNode document = golden(name);
        document.put("addedLater", true);
        if (document.has("reason")) {
            document.put("reason", "SOME_NEW_CODE");
        }
        JsonNode node = document;

        assertThat(schema(name).validate(node)).isEmpty();
    }
}
