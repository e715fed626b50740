package dev.signingsuite.gateway.api;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.gateway.config.GatewayProperties;
import dev.signingsuite.gateway.intake.IntakeAcceptor;
import dev.signingsuite.gateway.intake.IntakeReferences;
import dev.signingsuite.gateway.status.StatusStore;
import dev.signingsuite.messaging.EventMessages;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.time.Clock;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration implements WebMvcConfigurer {

    /** Form fields that may travel beside the files in one multipart body. */
    private static final int FORM_FIELDS = 16;

    private static final String API_KEY_SCHEME = "apiKey";

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
            TransactionTemplate transactions) {
        return new DocumentUploads(
                acceptor,
                new UploadReferences(references, transactions),
                store,
                bridge,
                messages,
                meters,
                clock,
                properties.maxFilesPerBatch());
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(
            GatewayProperties properties, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<ApiKeyFilter> registration =
                new FilterRegistrationBean<>(new ApiKeyFilter(new ApiKeys(properties), problems));
        registration.addUrlPatterns("/v1/*");
        return registration;
    }

    /**
     * Tomcat refuses a multipart body of more than 50 parts by default: let a full batch through,
     * and let the gateway say how many files it allows.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> batchSizedPartCount(GatewayProperties properties) {
        int parts = properties.maxFilesPerBatch() + FORM_FIELDS;
        return factory -> factory.addConnectorCustomizers(connector -> connector.setMaxPartCount(parts));
    }

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Signing suite gateway")
                        .version("v1")
                        .description("Upload documents for signing, follow their status, download the containers. "
                                + "Errors are application/problem+json (RFC 9457)."))
                .components(new Components()
                        .addSecuritySchemes(
                                API_KEY_SCHEME,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name(ApiKeyFilter.HEADER)))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY_SCHEME));
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Provider.class, Provider::fromId);
        registry.addConverter(
                String.class,
                SignatureLevel.class,
                s -> SignatureLevel.valueOf(s.trim().toUpperCase(Locale.ROOT)));
        registry.addConverter(
                String.class,
                SignatureFormat.class,
                s -> SignatureFormat.valueOf(s.trim().toUpperCase(Locale.ROOT)));
    }
}
