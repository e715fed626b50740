package dev.signingsuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A client that knows the API only from its served OpenAPI description: it finds each operation,
 * its path parameters, its form fields and the allowed values there, and where the API key goes;
 * it refuses to send what the description does not offer, and fails on an answer (status or media
 * type) the description does not list. The description can then not drift from what the API does.
 */
final class DescribedClient {

    record Answer(int status, MediaType contentType, byte[] body) {}

    private final JsonNode api;
    private final RestTestClient http;
    private final String apiKey;

    DescribedClient(JsonNode api, RestTestClient http, String apiKey) {
        this.api = api;
        this.http = http;
        this.apiKey = apiKey;
    }

    /** A multipart upload: {@code files} by part name, each a file name and content. */
    Answer upload(String path, Map<String, String> fields, String filePart, String fileName, byte[] content) {
        JsonNode operation = operation(path, "post");
        JsonNode schema = resolve(operation
                .get("requestBody")
                .get("content")
                .get("multipart/form-data")
                .get("schema"));
        JsonNode properties = schema.get("properties");
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        fields.forEach((name, value) -> {
            JsonNode property = properties.get(name);
            assertThat(property).as("form field " + name + " described").isNotNull();
            if (property.has("enum")) {
                assertThat(property.get("enum").valueStream().map(JsonNode::asString))
                        .as("values offered for " + name)
                        .contains(value);
            }
            body.part(name, value);
        });
        JsonNode file = properties.get(filePart);
        assertThat(file).as("file part " + filePart + " described").isNotNull();
        JsonNode binary = file.has("items") ? file.get("items") : file;
        assertThat(binary.get("format").asString()).isEqualTo("binary");
        body.part(filePart, new ByteArrayResource(content) {
                    @Override
                    public String getFilename() {
                        return fileName;
                    }
                })
                .contentType(MediaType.APPLICATION_OCTET_STREAM);
        List<String> sent = new ArrayList<>(fields.keySet());
        sent.add(filePart);
        assertThat(sent)
                .as("required fields")
                .containsAll(schema.get("required")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList());
        var request = http.post().uri(path).contentType(MediaType.MULTIPART_FORM_DATA);
        return answer(
                operation, authorised(operation, request).body(body.build()).exchange());
    }

    Answer get(String pathTemplate, Map<String, String> pathParameters) {
        JsonNode operation = operation(pathTemplate, "get");
        String path = pathTemplate;
        for (JsonNode parameter : operation.get("parameters")) {
            if ("path".equals(parameter.get("in").asString())) {
                String name = parameter.get("name").asString();
                assertThat(pathParameters).as("path parameter " + name).containsKey(name);
                path = path.replace("{" + name + "}", pathParameters.get(name));
            }
        }
        return answer(
                operation,
                authorised(operation, http.method(HttpMethod.GET).uri(path)).exchange());
    }

    private JsonNode operation(String path, String method) {
        JsonNode item = api.get("paths").get(path);
        assertThat(item).as("path " + path + " described").isNotNull();
        assertThat(item.has(method)).as(method + " " + path + " described").isTrue();
        return item.get(method);
    }

    /** The key where the description's security scheme puts it, unless the operation needs none. */
    private <S extends RestTestClient.RequestHeadersSpec<S>> S authorised(JsonNode operation, S request) {
        JsonNode security = operation.has("security") ? operation.get("security") : api.get("security");
        if (security == null || security.isEmpty()) {
            return request;
        }
        String scheme = security.get(0).propertyNames().iterator().next();
        JsonNode definition = api.get("components").get("securitySchemes").get(scheme);
        assertThat(definition.get("type").asString()).isEqualTo("apiKey");
        assertThat(definition.get("in").asString()).isEqualTo("header");
        return request.header(definition.get("name").asString(), apiKey);
    }

    private static Answer answer(JsonNode operation, RestTestClient.ResponseSpec response) {
        EntityExchangeResult<byte[]> result = response.expectBody(byte[].class).returnResult();
        int status = result.getStatus().value();
        JsonNode responses = operation.get("responses");
        JsonNode described = responses.has(String.valueOf(status))
                ? responses.get(String.valueOf(status))
                : responses.get("default");
        assertThat(described).as("answer " + status + " described").isNotNull();
        MediaType contentType = result.getResponseHeaders().getContentType();
        if (contentType != null && described.has("content")) {
            assertThat(described.get("content").propertyNames().stream().map(MediaType::parseMediaType))
                    .as("media type of answer " + status)
                    .anyMatch(type -> type.includes(contentType)
                            || type.isCompatibleWith(new MediaType(contentType.getType(), contentType.getSubtype())));
        }
        return new Answer(status, contentType, result.getResponseBody());
    }

    private JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
            return api.get("components").get("schemas").get(name);
        }
        return schema;
    }
}
