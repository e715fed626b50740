package dev.signingsuite.gateway.api;

import dev.signingsuite.events.Provider;
import dev.signingsuite.gateway.config.GatewayProperties;
import dev.signingsuite.gateway.intake.IntakeAcceptor;
import dev.signingsuite.gateway.intake.IntakeReferences;
import dev.signingsuite.gateway.status.StatusStore;
import dev.signingsuite.gateway.tenants.Tenants;
import dev.signingsuite.gateway.webhooks.BatchWebhooks;
import dev.signingsuite.messaging.EventMessages;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.format.FormatterRegistry;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration implements WebMvcConfigurer {

    /** Form fields that may travel beside the files in one multipart body. */
    private static final int FORM_FIELDS = 16;

    private static final String API_KEY_SCHEME = "apiKey";
    /** Late among the servlet filters, as a registration without an order is; the allow-list after it. */
    private static final int API_KEY_ORDER = Ordered.LOWEST_PRECEDENCE - 10;
    /** The admin API's (package tenants: its controller names the scheme by this name). */
    private static final String ADMIN_TOKEN_SCHEME = "adminToken";

    /** Only what would be expensive to parse at all: the gateway's own limit is UploadParts'. */
    private static final int TOMCAT_PART_HEADER_BYTES = 4 * UploadParts.MAX_PART_HEADER_BYTES;

    @Bean
    DocumentUploads documentUploads(
            IntakeAcceptor acceptor,
            StatusStore store,
            StreamBridge bridge,
            EventMessages messages,
            MeterRegistry meters,
            Clock clock,
            GatewayProperties properties,
            IntakeReferences references,
            TransactionTemplate transactions,
            BatchWebhooks batchWebhooks) {
        return new DocumentUploads(
                acceptor,
                new UploadReferences(references, transactions),
                store,
                batchWebhooks,
                bridge,
                messages,
                meters,
                clock,
                properties.maxFilesPerBatch());
    }

    @Bean
    PersonLinks personLinks(SmartIdLinkProperties properties, java.time.Clock clock) {
        return new PersonLinks(properties.pageKeyBytes(), properties.pageLinkLifetime(), clock);
    }

    @Bean
    FailedAuthentications failedAuthentications(AuthenticationLimits limits) {
        return new FailedAuthentications(limits, System::nanoTime);
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(
            Tenants tenants,
            FailedAuthentications failures,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<ApiKeyFilter> registration =
                new FilterRegistrationBean<>(new ApiKeyFilter(tenants, failures, problems));
        registration.addUrlPatterns("/v1/*");
        registration.setOrder(API_KEY_ORDER);
        return registration;
    }

    /** After the API key named the tenant. */
    @Bean
    FilterRegistrationBean<AddressAllowListFilter> addressAllowListFilter(
            Tenants tenants,
            ClientAddressProperties clientAddress,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<AddressAllowListFilter> registration = new FilterRegistrationBean<>(
                new AddressAllowListFilter(tenants, new ClientAddresses(clientAddress.networks()), problems));
        registration.addUrlPatterns("/v1/*");
        registration.setOrder(API_KEY_ORDER + 1);
        return registration;
    }

    /**
     * Tomcat's multipart limits sit above the gateway's own (max-files-per-batch, UploadParts), so
     * that the gateway's checks speak first and name the limit and the file. By default Tomcat
     * refuses more than 50 parts, and part headers over 512 bytes (a file name of ~400 bytes).
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> multipartLimitsAboveOurs(
            GatewayProperties properties) {
        int parts = maxParts(properties);
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setMaxPartCount(parts);
            // Tomcat also counts each part as a request parameter (by default at most 1,000).
            connector.setMaxParameterCount(Math.max(connector.getMaxParameterCount(), parts + FORM_FIELDS));
            connector.setMaxPartHeaderSize(TOMCAT_PART_HEADER_BYTES);
        });
    }

    @Bean
    ProblemErrorReporting problemErrorReporting() {
        return new ProblemErrorReporting();
    }

    @Bean
    MultipartRefusals multipartRefusals(GatewayProperties properties, MultipartProperties multipart) {
        return new MultipartRefusals(
                properties.maxDocumentSize().toBytes(),
                properties.maxFilesPerBatch(),
                maxParts(properties),
                TOMCAT_PART_HEADER_BYTES,
                multipart.getMaxRequestSize().toBytes());
    }

    private static int maxParts(GatewayProperties properties) {
        // One more than our limit: an upload of one file too many reaches our check and its message.
        return properties.maxFilesPerBatch() + 1 + FORM_FIELDS;
    }

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Signing suite gateway")
                        .version("v1")
                        .description("Upload documents for signing, follow their status, download the containers. "
                                + "Errors are application/problem+json (RFC 9457). Webhooks go to the tenant's"
                                + " endpoint and to the webhookUrl a batch or a signature request names, signed as"
                                + " Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)."))
                .components(new Components()
                        .addSecuritySchemes(
                                API_KEY_SCHEME,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name(ApiKeyFilter.HEADER))
                        .addSecuritySchemes(
                                ADMIN_TOKEN_SCHEME,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("signing.gateway.admin.token; never a tenant's API key")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY_SCHEME));
    }

    @Bean
    ApiDescription apiDescription() {
        return new ApiDescription();
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Provider.class, Provider::fromId);
    }
}
