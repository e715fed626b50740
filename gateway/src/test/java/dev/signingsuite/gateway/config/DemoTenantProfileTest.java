package dev.signingsuite.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.gateway.GatewayApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * gateway.yml's demo tenant, with its public API key, exists only in the default profile: a
 * deployment that names its profile (deploy/kubernetes does) has only the tenants it configures.
 */
class DemoTenantProfileTest {

    private static final String DEMO_KEY = "signing.gateway.tenants.demo.api-keys[0]";

    @Test
    void withoutAProfileTheDemoTenantServesTheStandaloneRunAndTheTests() {
        try (ConfigurableApplicationContext context = gatewayConfigWith()) {
            assertThat(context.getEnvironment().getProperty(DEMO_KEY)).isEqualTo("demo-key");
        }
    }

    @Test
    void aDeploymentThatNamesItsProfileGetsNoDemoTenant() {
        try (ConfigurableApplicationContext context = gatewayConfigWith("--spring.profiles.active=kubernetes")) {
            Environment environment = context.getEnvironment();
            assertThat(environment.getProperty(DEMO_KEY)).isNull();
            assertThat(environment.getProperty("signing.gateway.max-document-size"))
                    .as("the rest of gateway.yml still applies")
                    .isEqualTo("50MB");
        }
    }

    /** Only the configuration files, not the gateway's beans: what binds is the question. */
    private static ConfigurableApplicationContext gatewayConfigWith(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--spring.config.name=" + GatewayApplication.CONFIG_NAME;
        System.arraycopy(args, 0, all, 1, args.length);
        return new SpringApplicationBuilder(Empty.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(all);
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {}
}
