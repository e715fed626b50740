package dev.signingsuite.standalone;

import dev.signingsuite.events.Lane;
import dev.signingsuite.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Each back office's own intake and outcome topics, Kafka user and ACLs on the layout's cluster
 * (ADR 17, ADR 23): tenant {@code t} authenticates as user {@code t}, may write {@code
 * signing.intake.v1.t} and {@code signing.intake.interactive.v1.t} and read {@code signing.outcomes.v1.t} in consumer groups named {@code t.*},
 * and nothing else: its credentials cannot submit in another tenant's name nor read another
 * tenant's outcomes. The gateway copies each outcome of {@code t} to that topic once it exists.
 * Applied on every start (topics that exist are kept, credentials and ACLs are upserts), so a
 * changed password takes effect.
 */
final class TenantIntakes {

    static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_512;
    private static final int ITERATIONS = 8192;
    /** A tenant becomes part of a topic name and a principal: only what both accept unquoted. */
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private TenantIntakes() {}

    static String topicOf(String tenant) {
        return topicOf(tenant, Lane.BULK);
    }

    /** Tenant {@code tenant}'s intake of a lane: persons' documents have one of their own (ADR 16). */
    static String topicOf(String tenant, Lane lane) {
        return Topics.defaults().tenantIntake(tenant, lane);
    }

    static String outcomesOf(String tenant) {
        return Topics.defaults().tenantOutcomes(tenant);
    }

    /**
     * The consumer groups tenant {@code t}'s back office may use: {@code t.} and anything after it.
     * The dot cannot occur in a tenant, so no tenant's prefix covers another's groups.
     */
    static String groupPrefixOf(String tenant) {
        return tenant + ".";
    }

    /** The gateway's intake binding of a lane: the shared topic and every tenant's own. */
    static String intakeDestinations(Collection<String> tenants, Lane lane) {
        List<String> topics =
                new ArrayList<>(List.of(Topics.defaults().intake(lane).name()));
        tenants.stream().sorted().map(tenant -> topicOf(tenant, lane)).forEach(topics::add);
        return String.join(",", topics);
    }

    /**
     * Each node's port of the listener back offices authenticate on (ADR 17): the first node's is
     * the configured one, as the services' is; the others' are free loopback ports.
     */
    static List<Integer> listenerPorts(int nodes, int configuredPort) {
        List<Integer> ports = new ArrayList<>();
        for (int node = 1; node <= nodes; node++) {
            ports.add(
                    node == 1
                            ? LoopbackPorts.requireFree("127.0.0.1", configuredPort, "standalone.kafka.tenant-port")
                            : LoopbackPorts.pickFree("127.0.0.1"));
        }
        return ports;
    }

    static String bootstrapServers(List<Integer> listenerPorts) {
        return String.join(
                ",", listenerPorts.stream().map(port -> "127.0.0.1:" + port).toList());
    }

    static void requireNames(Collection<String> tenants) {
        for (String tenant : tenants) {
            if (!TENANT.matcher(tenant).matches()) {
                throw new IllegalArgumentException("standalone.kafka.tenants: tenant '" + tenant
                        + "' cannot name a Kafka user and topic (letters, digits, - and _ only)");
            }
        }
    }

    /** @param bootstrap the services' listener, whose principal may manage users and ACLs */
    static void provision(
            String bootstrap, Map<String, String> tenants, int partitions, short replicas, Duration timeout) {
        requireNames(tenants.keySet());
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis()))) {
            List<NewTopic> topics = new ArrayList<>();
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            List<AclBinding> acls = new ArrayList<>();
            tenants.forEach((tenant, password) -> {
                for (Lane lane : Lane.values()) {
                    topics.add(new NewTopic(topicOf(tenant, lane), partitions, replicas));
                    ResourcePattern intake =
                            new ResourcePattern(ResourceType.TOPIC, topicOf(tenant, lane), PatternType.LITERAL);
                    for (AclOperation operation : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
                        acls.add(allow(intake, tenant, operation));
                    }
                }
                topics.add(new NewTopic(outcomesOf(tenant), partitions, replicas)
                        .configs(Map.of(
                                TopicConfig.RETENTION_MS_CONFIG,
                                String.valueOf(Topics.outcomeRetention().toMillis()))));
                users.add(new UserScramCredentialUpsertion(
                        tenant, new ScramCredentialInfo(MECHANISM, ITERATIONS), password));
                // Read implies Describe.
                acls.add(allow(
                        new ResourcePattern(ResourceType.TOPIC, outcomesOf(tenant), PatternType.LITERAL),
                        tenant,
                        AclOperation.READ));
                acls.add(allow(
                        new ResourcePattern(ResourceType.GROUP, groupPrefixOf(tenant), PatternType.PREFIXED),
                        tenant,
                        AclOperation.READ));
            });
            for (var created : admin.createTopics(topics).values().values()) {
                awaitIgnoringExisting(created, timeout);
            }
            admin.alterUserScramCredentials(users).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            admin.createAcls(acls).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Could not set up the tenants' intake and outcome topics, users and ACLs: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up the tenants' intake", e);
        }
    }

    private static AclBinding allow(ResourcePattern resource, String tenant, AclOperation operation) {
        return new AclBinding(
                resource, new AccessControlEntry("User:" + tenant, "*", operation, AclPermissionType.ALLOW));
    }

    private static void awaitIgnoringExisting(org.apache.kafka.common.KafkaFuture<Void> created, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            created.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
