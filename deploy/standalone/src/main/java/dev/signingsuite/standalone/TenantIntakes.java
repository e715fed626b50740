package dev.signingsuite.standalone;

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
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Each back office's own intake topic, Kafka user and ACLs on the layout's cluster (ADR 17): tenant
 * {@code t} authenticates as user {@code t} and may write {@code signing.intake.v1.t} and nothing
 * else, so its credentials cannot submit in another tenant's name. Applied on every start (topics
 * that exist are kept, credentials and ACLs are upserts), so a changed password takes effect.
 */
final class TenantIntakes {

    static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_512;
    private static final int ITERATIONS = 8192;
    /** A tenant becomes part of a topic name and a principal: only what both accept unquoted. */
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private TenantIntakes() {}

    static String topicOf(String tenant) {
        return Topics.defaults().intake().name() + "." + tenant;
    }

    /** The gateway's intake binding: the shared topic and every tenant's own. */
    static String intakeDestinations(Collection<String> tenants) {
        List<String> topics = new ArrayList<>(List.of(Topics.defaults().intake().name()));
        tenants.stream().sorted().map(TenantIntakes::topicOf).forEach(topics::add);
        return String.join(",", topics);
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
                topics.add(new NewTopic(topicOf(tenant), partitions, replicas));
                users.add(new UserScramCredentialUpsertion(
                        tenant, new ScramCredentialInfo(MECHANISM, ITERATIONS), password));
                ResourcePattern intake = new ResourcePattern(ResourceType.TOPIC, topicOf(tenant), PatternType.LITERAL);
                for (AclOperation operation : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
                    acls.add(new AclBinding(
                            intake, new AccessControlEntry("User:" + tenant, "*", operation, AclPermissionType.ALLOW)));
                }
            });
            for (var created : admin.createTopics(topics).values().values()) {
                awaitIgnoringExisting(created, timeout);
            }
            admin.alterUserScramCredentials(users).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            admin.createAcls(acls).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not set up the tenants' intake topics, users and ACLs: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up the tenants' intake", e);
        }
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
