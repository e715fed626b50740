package dev.signingsuite.gateway.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.gateway.api.ApiProblem;
import dev.signingsuite.gateway.config.GatewayProperties;
import dev.signingsuite.gateway.config.GatewayProperties.AllowedSigner;
import dev.signingsuite.gateway.config.GatewayProperties.Tenant;
import dev.signingsuite.gateway.database.TestDatabases;
import dev.signingsuite.testclock.TestClock;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/** Configuration written into a real PostgreSQL at two starts: what each start keeps and what it replaces. */
class ConfiguredTenantsTest {

    private static final Clock CLOCK = TestClock.frozenNow();

    private static HikariDataSource dataSource;
    private static ConfiguredTenants configured;
    private static TenantRegistry registry;
    private static Tenants tenants;

    @BeforeAll
    static void startDatabase() {
        dataSource = TestDatabases.migrated();
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        JdbcClient jdbc = JdbcClient.create(dataSource);
        configured = new ConfiguredTenants(jdbc, transactions, CLOCK);
        registry = new TenantRegistry(jdbc, transactions, CLOCK);
        tenants = new JdbcTenants(jdbc);
    }

    @AfterAll
    static void closePool() {
        dataSource.close();
    }

    @Test
    void aSecondStartReplacesSettingsMergesKeysAndKeepsRevocationsAndTheAdminApisKeys() throws Exception {
        configured.write(
                gateway("acme", List.of("k1", "k2"), "seal-1"),
                settings("acme", List.of("one.example"), List.of("203.0.113.0/24")));
        assertThat(tenants.admits("acme", InetAddress.getByName("192.0.2.1"))).isFalse();
        assertThat(tenants.admits("acme", InetAddress.getByName("203.0.113.9"))).isTrue();
        TenantRegistry.Issued issued = registry.issueKey("acme");
        registry.revokeKey("acme", ConfiguredTenants.keyId(ConfiguredKeys.sha256("k1")));

        configured.write(
                gateway("acme", List.of("k1", "k3"), "seal-2"), settings("acme", List.of("two.example"), List.of()));

        assertThat(tenants.caller("k1")).as("revoked stays revoked").isEmpty();
        assertThat(tenants.caller("k2")).as("no longer configured").isEmpty();
        assertThat(tenants.caller("k3"))
                .hasValueSatisfying(caller -> assertThat(caller.tenantId()).isEqualTo("acme"));
        assertThat(tenants.caller(issued.apiKey())).as("the admin API's key").isPresent();
        assertThat(tenants.mayUse("acme", new SignerRef(Provider.CSC, "seal-2")))
                .isTrue();
        assertThat(tenants.mayUse("acme", new SignerRef(Provider.CSC, "seal-1")))
                .isFalse();
        assertThat(tenants.callbackHosts("acme")).containsExactly("two.example");
        assertThat(tenants.admits("acme", InetAddress.getByName("192.0.2.1"))).isTrue();
        assertThatThrownBy(() -> registry.setCallbackHosts("acme", List.of("three.example")))
                .isInstanceOf(ApiProblem.class)
                .hasMessageContaining("configured");
    }

    @Test
    void aDisabledConfiguredTenantStaysDisabledAndMayUseNothing() {
        configured.write(gateway("quiet", List.of("quiet-key"), "quiet-seal"), settings("quiet", List.of(), List.of()));
        registry.enable("quiet", false);

        configured.write(gateway("quiet", List.of("quiet-key"), "quiet-seal"), settings("quiet", List.of(), List.of()));

        assertThat(tenants.caller("quiet-key"))
                .hasValueSatisfying(caller -> assertThat(caller.enabled()).isFalse());
        assertThat(tenants.mayUse("quiet", new SignerRef(Provider.CSC, "quiet-seal")))
                .isFalse();
    }

    @Test
    void aConfiguredKeyThatIsAnotherTenantsAlreadyFailsTheStartNamingBoth() {
        configured.write(gateway("first", List.of("shared-key"), "s"), settings("first", List.of(), List.of()));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> configured.write(
                        gateway("second", List.of("shared-key"), "s"), settings("second", List.of(), List.of())))
                .withMessageContaining("second")
                .withMessageContaining("first")
                .withMessageNotContaining("shared-key");
        assertThat(tenants.caller("shared-key"))
                .hasValueSatisfying(caller -> assertThat(caller.tenantId()).isEqualTo("first"));
    }

    private static GatewayProperties gateway(String tenant, List<String> keys, String seal) {
        return new GatewayProperties(
                DataSize.ofMegabytes(1),
                10,
                Map.of(tenant, new Tenant(keys, List.of(new AllowedSigner(Provider.CSC, seal)))));
    }

    private static TenantSettings settings(String tenant, List<String> hosts, List<String> networks) {
        return new TenantSettings(
                Map.of(tenant, new TenantSettings.Extra(hosts, networks)), new TenantSettings.Webhooks(Map.of()));
    }
}
