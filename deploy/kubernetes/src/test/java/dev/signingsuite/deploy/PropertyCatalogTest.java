package dev.signingsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The environment check's catalog binds what Spring binds, and nothing near it. */
class PropertyCatalogTest {

    private final PropertyCatalog csc = PropertyCatalog.of(ServiceConfig.of("provider-csc"));
    private final PropertyCatalog gateway = PropertyCatalog.of(ServiceConfig.of("gateway"));

    @Test
    void bindsPlaceholdersRecordsByRelaxedBindingTheBinderAndSpringBoot() {
        assertThat(csc.binds("SIGNING_CSC_CLIENT_SECRET")).as("placeholder").isTrue();
        assertThat(csc.binds("SIGNING_CSC_APPROVALRECHECK"))
                .as("record component")
                .isTrue();
        assertThat(csc.binds("SIGNING_CSC_RETRY_MAXATTEMPTS"))
                .as("nested record")
                .isTrue();
        assertThat(csc.binds("SIGNING_CSC_SIGNERS_SEAL_CREDENTIALID"))
                .as("map of records")
                .isTrue();
        assertThat(csc.binds("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SASL_JAAS_CONFIG"))
                .as("binder map")
                .isTrue();
        assertThat(csc.binds("SPRING_CLOUD_STREAM_KAFKA_BINDER_AUTOCREATETOPICS"))
                .as("binder")
                .isTrue();
        assertThat(csc.binds("SERVER_PORT")).as("Boot metadata").isTrue();
        assertThat(gateway.binds("SPRING_DATASOURCE_PASSWORD")).isTrue();
    }

    @Test
    void refusesNamesSpringWouldNotBind() {
        assertThat(csc.binds("SIGNING_CSC_BASE_URL"))
                .as("a dot where the property has a dash")
                .isFalse();
        assertThat(csc.binds("SIGNING_CSC_CLIENTSECRETS")).isFalse();
        assertThat(csc.binds("SIGNING_CSC_RETRY")).as("a group, not a property").isFalse();
        assertThat(csc.binds("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATIONS_X"))
                .isFalse();
        assertThat(csc.binds("SIGNING_EPARAKSTS_CLIENT_SECRET"))
                .as("another service's")
                .isFalse();
        assertThat(csc.binds("SPRING_DATASOURCE_PASSWORDS")).isFalse();
    }
}
