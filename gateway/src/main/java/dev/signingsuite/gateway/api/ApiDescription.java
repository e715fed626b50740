package dev.signingsuite.gateway.api;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The description as the API behaves, where springdoc cannot tell from the code: uploads answer
 * 202, every error is problem+json, an upload's fields are form fields (springdoc lists a
 * multipart method's {@code @RequestParam}s as query parameters), only the formats the suite
 * produces are offered, the operator pages need no API key, and the admin API its own token.
 */
final class ApiDescription implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String MULTIPART = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE;
    private static final Set<String> FORM_FIELDS =
            Set.of("provider", "signer", "level", "format", "clientReference", "container", "webhookUrl");

    /** What each status means: the enumeration springdoc derives from the code names them only. */
    static final String STATUSES = "RECEIVED: stored and queued."
            + " AWAITING_PERSON: the provider waits for a person before it can ask for the signature"
            + " (a CSC credential's approval, an eParaksts seal's login or group approval, a one-time"
            + " signer's login: loginUrl); awaiting says"
            + " whom and what for."
            + " AWAITING_SCAN: a Smart-ID person is to scan the device link (deviceLinkUrl)."
            + " SIGNATURE_REQUESTED: the signer was asked; a Smart-ID person compares verificationCode."
            + " ASSEMBLED: signed, container ready for download. FAILED: see failure.";

    @Override
    public void customise(OpenAPI api) {
        api.getComponents().addSchemas(PROBLEM, problem());
        describeStatus(api.getComponents().getSchemas());
        api.getPaths().forEach((path, item) -> {
            if (path.startsWith("/admin/")) {
                // The tenant admin API keeps the admin token its controller names (package tenants).
                item.readOperationsMap().forEach((method, operation) -> describeAdmin(path, method, operation));
                return;
            }
            if (!path.startsWith("/v1/")) {
                // Pages a person opens in a browser: no API key (an empty list overrides the global one).
                item.readOperations().forEach(operation -> operation.setSecurity(List.of()));
                return;
            }
            item.readOperationsMap().forEach((method, operation) -> describe(path, method, operation));
        });
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses();
        // Digest signing takes JSON, not a form (package signatures).
        boolean digest = path.equals("/v1/signatures") && method == PathItem.HttpMethod.POST;
        // Cancelling a batch takes no body (ADR 31).
        boolean cancel = path.endsWith("/cancel") && method == PathItem.HttpMethod.POST;
        // Registering a signing device takes JSON (package devices, ADR 32).
        boolean device = path.equals("/v1/devices") && method == PathItem.HttpMethod.POST;
        boolean upload = method == PathItem.HttpMethod.POST && !digest && !cancel && !device;
        if (device) {
            ApiResponse created = responses.remove("200");
            responses.addApiResponse(
                    "201",
                    new ApiResponse()
                            .description("Registered: the device signs as signer with provider csc")
                            .content(created == null ? null : created.getContent()));
            problem(responses, "400", "Invalid request body");
            problem(responses, "401", "No or unknown X-API-Key, or the person's ID token does not verify");
            problem(
                    responses,
                    "422",
                    "The device's certificate signing request fails its proof of possession or names another"
                            + " person, or the CA refused it");
            problem(responses, "502", "The remote SCD service or the CA failed");
            problem(responses, "503", "Device registration is not configured");
        }
        if (cancel) {
            ApiResponse accepted = responses.remove("200");
            responses.addApiResponse(
                    "202",
                    new ApiResponse()
                            .description("Accepted: the batch's documents not yet signed end CANCELLED")
                            .content(accepted == null ? null : accepted.getContent()));
            problem(responses, "400", "Invalid batch id");
        }
        if (digest) {
            ApiResponse accepted = responses.remove("200");
            responses.addApiResponse(
                    "202",
                    new ApiResponse()
                            .description("Accepted: the digest is queued for signing")
                            .content(accepted == null ? null : accepted.getContent()));
            problem(responses, "400", "Invalid request: digest, digestAlgorithm, format, level or callbackUrl");
            problem(responses, "403", "The tenant may not use this signer");
            problem(responses, "503", "The digest could not be queued; post it again");
        }
        if (upload) {
            List<Parameter> parameters = operation.getParameters() == null
                    ? List.of()
                    : operation.getParameters().stream()
                            .filter(p -> !FORM_FIELDS.contains(p.getName()))
                            .toList();
            operation.setParameters(parameters.isEmpty() ? null : parameters);
            operation.setRequestBody(form(path.equals("/v1/batches")));
            ApiResponse created = responses.computeIfAbsent("200", code -> new ApiResponse());
            responses.addApiResponse(
                    "202",
                    new ApiResponse()
                            .description("Accepted: queued for signing")
                            .content(created.getContent()));
            created.description("Already accepted: the clientReference names documents of the same content");
            problem(responses, "400", "Invalid upload: a field, a file name or a limit of the gateway");
            problem(responses, "403", "The tenant may not use this signer");
            problem(responses, "413", "A document over the size limit");
            problem(responses, "503", "The document could not be stored or queued; upload it again");
        }
        problem(responses, "401", "No or unknown X-API-Key");
        if (path.endsWith("/container") || path.endsWith("/signature")) {
            problem(responses, "403", "The tenant is disabled, or the caller's address is not on its allow-list");
        }
        problem(responses, "403", "The tenant is disabled");
        if (path.contains("{")) {
            problem(responses, "404", "Unknown, or another tenant's, or (container) not assembled yet");
        }
        if (path.endsWith("/container") || path.endsWith("/smartid/link") || path.endsWith("/signature")) {
            problem(responses, "409", "The document failed, or does not wait for this");
        }
        problem(responses, "default", "Any other error");
    }

    private static void describeAdmin(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses();
        // What the controller answers with ResponseEntity, which springdoc reads as 200.
        if (method == PathItem.HttpMethod.POST && path.equals("/admin/v1/tenants")) {
            ApiResponse ok = responses.remove("200");
            responses.addApiResponse(
                    "201", new ApiResponse().description("Created").content(ok == null ? null : ok.getContent()));
        }
        if (method == PathItem.HttpMethod.DELETE && responses.remove("200") != null) {
            responses.addApiResponse("204", new ApiResponse().description("Revoked"));
        }
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) {
            problem(responses, "400", "Invalid request body");
        }
        problem(responses, "401", "No or wrong admin token (Authorization: Bearer)");
        problem(responses, "403", "The admin API is off: signing.gateway.admin.token is not set");
        if (path.contains("{")) {
            problem(responses, "404", "Unknown tenant or key");
        }
        if (method == PathItem.HttpMethod.PUT || path.equals("/admin/v1/tenants")) {
            problem(responses, "409", "The tenant exists, or is configured (signing.gateway.tenants)");
        }
        problem(responses, "default", "Any other error");
    }

    private static void describeStatus(Map<String, Schema> schemas) {
        for (String view : List.of("DocumentView", "BatchDocument")) {
            Schema<?> schema = schemas.get(view);
            if (schema != null
                    && schema.getProperties() != null
                    && schema.getProperties().containsKey("status")) {
                schema.getProperties().get("status").description(STATUSES);
            }
        }
        Schema<?> awaiting = schemas.get("Awaiting");
        if (awaiting != null) {
            awaiting.description("While AWAITING_PERSON or AWAITING_SCAN: the provider that waits, the signer"
                    + " identity the person acts for, and what it waits for");
        }
    }

    private static RequestBody form(boolean batch) {
        ObjectSchema form = new ObjectSchema();
        BinarySchema file = new BinarySchema();
        if (batch) {
            form.addProperty(
                    "files", new ArraySchema().items(file).description("each file one document (up to the limit)"));
        } else {
            form.addProperty("file", file);
        }
        form.addProperty(
                "provider",
                enumeration(Arrays.stream(Provider.values()).map(Provider::id).toList())
                        .description("the remote signing service"));
        form.addProperty("signer", new StringSchema().description("the signer's identity at the provider"));
        form.addProperty(
                "level",
                enumeration(Arrays.stream(SignatureLevel.values())
                                .map(Enum::name)
                                .toList())
                        ._default(SignatureLevel.LT.name()));
        form.addProperty(
                "format",
                enumeration(ApiValues.SUPPORTED_FORMATS.stream()
                                .map(SignatureFormat::name)
                                .toList())
                        ._default(SignatureFormat.ASIC_E_CADES.name())
                        .description("ASiC-E with CAdES or with XAdES, or PAdES (the one PDF of the document,"
                                + " signed); every format at every level"));
        form.addProperty(
                "clientReference",
                new StringSchema()
                        .description(
                                batch
                                        ? "prefix of each document's clientReference: <prefix>-1, <prefix>-2, …;"
                                                + " with container=single, the one document's reference as given"
                                        : "the document's reference; the same reference and content again answer"
                                                + " 200 with the document already accepted"));
        if (batch) {
            form.addProperty(
                    "container",
                    enumeration(List.of("per-document", "single"))
                            ._default("per-document")
                            .description("per-document: each file its own container and signature;"
                                    + " single: every file in one ASiC-E under one signature (one confirmation)"));
        }
        form.addProperty(
                "webhookUrl",
                new StringSchema()
                        .format("uri")
                        .description("a webhook endpoint of this upload's own (ADR 27): its documents' outcomes"
                                + " (document.assembled, document.failed, document.awaiting_person) and the"
                                + " batch's completion (batch.completed) are POSTed there as well as to the"
                                + " tenant's endpoint, each once, signed with the tenant's webhook secret"
                                + " (Standard Webhooks). https, on the host of the tenant's webhook endpoint or"
                                + " one of its callback hosts; 400 if the tenant has no webhook secret"));
        form.setRequired(List.of(batch ? "files" : "file", "provider", "signer"));
        return new RequestBody()
                .required(true)
                .content(new Content().addMediaType(MULTIPART, new MediaType().schema(form)));
    }

    private static void problem(ApiResponses responses, String code, String description) {
        if (!responses.containsKey(code)) {
            responses.addApiResponse(
                    code,
                    new ApiResponse()
                            .description(description)
                            .content(new Content()
                                    .addMediaType(
                                            PROBLEM_JSON,
                                            new MediaType()
                                                    .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
    }

    /** RFC 9457, with the failure reason a Kafka client would read in DocumentFailed. */
    private static Schema<?> problem() {
        return new ObjectSchema()
                .description("An error (RFC 9457)")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty(
                        "reason",
                        enumeration(Arrays.stream(FailureReason.values())
                                .map(Enum::name)
                                .toList()))
                .required(List.of("title", "status"));
    }

    private static StringSchema enumeration(List<String> values) {
        StringSchema schema = new StringSchema();
        schema.setEnum(values);
        return schema;
    }
}
