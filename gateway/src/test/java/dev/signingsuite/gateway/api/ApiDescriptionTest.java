package dev.signingsuite.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operator pages appear only where their provider is configured, so this checks them alone. */
class ApiDescriptionTest {

    @Test
    void operatorPagesNeedNoKeyWhileTheApiKeepsIt() {
        Operation page = new Operation().responses(new ApiResponses().addApiResponse("200", new ApiResponse()));
        Operation status = new Operation().responses(new ApiResponses().addApiResponse("200", new ApiResponse()));
        Operation upload = new Operation()
                .parameters(new ArrayList<>(
                        List.of(new QueryParameter().name("provider"), new QueryParameter().name("dryRun"))))
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse()));
        OpenAPI api = new OpenAPI()
                .components(new Components())
                .addSecurityItem(new SecurityRequirement().addList("apiKey"))
                .paths(new Paths()
                        .addPathItem("/operator/csc", new PathItem().get(page))
                        .addPathItem("/v1/documents/{documentId}", new PathItem().get(status))
                        .addPathItem("/v1/documents", new PathItem().post(upload)));

        new ApiDescription().customise(api);

        assertThat(page.getSecurity()).isEmpty();
        assertThat(page.getResponses()).containsOnlyKeys("200");
        assertThat(status.getSecurity()).isNull();
        assertThat(status.getResponses()).containsKeys("200", "401", "404", "default");
        assertThat(upload.getParameters()).extracting(p -> p.getName()).containsExactly("dryRun");
        assertThat(upload.getResponses()).containsKeys("200", "202", "400", "401", "403", "413", "503");
        assertThat(api.getComponents().getSchemas()).containsKey(ApiDescription.PROBLEM);
    }

    @Test
    void theStatusesAreExplainedWithWhatAWaitingDocumentWaitsFor() {
        OpenAPI api = new OpenAPI()
                .components(new Components()
                        .addSchemas("DocumentView", new ObjectSchema().addProperty("status", new StringSchema()))
                        .addSchemas("Awaiting", new ObjectSchema()))
                .paths(new Paths());

        new ApiDescription().customise(api);

        Schema<?> status = (Schema<?>) api.getComponents()
                .getSchemas()
                .get("DocumentView")
                .getProperties()
                .get("status");
        assertThat(status.getDescription()).contains("AWAITING_PERSON", "AWAITING_SCAN", "awaiting");
        assertThat(api.getComponents().getSchemas().get("Awaiting").getDescription())
                .contains("AWAITING_PERSON");
    }
}
