package dev.signingsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.Topic;
import dev.signingsuite.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's configuration on its class path says: its bindings (so which topics it reads in
 * which groups and which it writes), the environment placeholders of its ymls and its own properties.
 */
final class ServiceConfig {

    /** The deployable services: module name = image name = Deployment = KafkaUser. */
    static final List<String> SERVICES = List.of(
            "gateway",
            "hash-service",
            "provider-smartid",
            "provider-eparaksts",
            "provider-csc",
            "provider-onetime",
            "augmentation-service",
            "container-service");

    /** The services with a blob store (the shared contract: BlobStoreConfiguration is imported there). */
    static final Set<String> WITH_BLOB_STORE = Set.of("gateway", "hash-service", "container-service");

    private static final String SHARED_YML = "signing-messaging.yml";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final String PREFIX_PLACEHOLDER = "${signing.messaging.topic-prefix}";

    /**
     * A Spring Cloud Stream binding: an input has a group, or is named {@code <function>-in-<n>}
     * without one (an anonymous group per instance, {@code anonymous.<uuid>}: every instance reads
     * every record, e.g. provider-onetime's login callbacks); an output has neither.
     */
    record Binding(String name, String destination, String group, boolean dlq) {
        boolean input() {
            return group != null || name.matches(".+-in-\\d+");
        }

        /** The consumer group as an ACL names it: an anonymous group is the prefix {@code anonymous.*}. */
        String groupAcl() {
            return group != null ? group : "anonymous.*";
        }
    }

    private final String service;
    private final Map<String, String> properties;
    private final Set<String> placeholders;

    private ServiceConfig(String service, Map<String, String> properties, Set<String> placeholders) {
        this.service = service;
        this.properties = properties;
        this.placeholders = placeholders;
    }

    private static final Map<String, ServiceConfig> CONFIGS = new ConcurrentHashMap<>();

    static ServiceConfig of(String service) {
        return CONFIGS.computeIfAbsent(service, ServiceConfig::read);
    }

    private static ServiceConfig read(String service) {
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("not a service: " + service);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        Set<String> placeholders = new TreeSet<>();
        for (String resource : List.of(SHARED_YML, service + ".yml")) {
            String text = resource(resource);
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                placeholders.add(matcher.group(1));
            }
            try {
                flatten(ManifestFiles.YAML.readTree(text), "", properties);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ServiceConfig(service, properties, placeholders);
    }

    String service() {
        return service;
    }

    /** The property as the ymls set it (no placeholder resolved), or null. */
    String property(String name) {
        return properties.get(name);
    }

    /** Environment variables the ymls name in {@code ${NAME...}} placeholders. */
    Set<String> placeholders() {
        return placeholders;
    }

    List<Binding> bindings() {
        String prefix = "spring.cloud.stream.bindings.";
        Set<String> names = new LinkedHashSet<>();
        properties.keySet().stream()
                .filter(key -> key.startsWith(prefix) && key.endsWith(".destination"))
                .forEach(key -> names.add(key.substring(prefix.length(), key.length() - ".destination".length())));
        String defaultDlq = properties.getOrDefault("spring.cloud.stream.kafka.default.consumer.enable-dlq", "false");
        List<Binding> bindings = new ArrayList<>();
        for (String name : names) {
            String destinations =
                    properties.get(prefix + name + ".destination").replace(PREFIX_PLACEHOLDER, Topics.DEFAULT_PREFIX);
            String group = properties.get(prefix + name + ".group");
            String dlq = properties.getOrDefault(
                    "spring.cloud.stream.kafka.bindings." + name + ".consumer.enable-dlq", defaultDlq);
            // A consumer binding may read several topics (the gateway's views read both lanes).
            for (String destination : destinations.split(",")) {
                bindings.add(new Binding(name, destination.strip(), group, Boolean.parseBoolean(dlq)));
            }
        }
        return bindings;
    }

    List<Binding> inputs() {
        return bindings().stream().filter(Binding::input).toList();
    }

    /** Topics its bindings consume. */
    Set<String> reads() {
        Set<String> reads = new TreeSet<>();
        inputs().forEach(binding -> reads.add(binding.destination()));
        // A compacted topic is its writer's ledger: the writer reads it back (without a group).
        for (Topic<?> topic : Topics.defaults().all()) {
            if (topic.compacted() && writtenBy(topic.writer())) {
                reads.add(topic.name());
            }
        }
        // Every provider reads the cancelled batches whole before it signs (ADR 31).
        if (service.startsWith("provider-")) {
            reads.add(Topics.defaults().batchCancelled().name());
        }
        return reads;
    }

    Set<String> groups() {
        Set<String> groups = new TreeSet<>();
        inputs().forEach(binding -> groups.add(binding.groupAcl()));
        return groups;
    }

    /**
     * Topics it writes: the registry's topics whose writer it is, its output bindings, and the
     * binder's dead-letter topic of each input binding with the binder's DLQ on.
     */
    Set<String> writes() {
        Set<String> writes = new TreeSet<>();
        for (Topic<?> topic : Topics.defaults().all()) {
            if (writtenBy(topic.writer())) {
                writes.add(topic.name());
            }
        }
        for (Binding binding : bindings()) {
            if (binding.input()) {
                if (binding.dlq()) {
                    writes.add(Topics.deadLetter(binding.destination(), binding.group()));
                }
            } else {
                writes.add(binding.destination());
            }
        }
        return writes;
    }

    /** Every dead-letter topic the services write. */
    static Set<String> deadLetterTopics() {
        Set<String> all = new TreeSet<>();
        for (String service : SERVICES) {
            of(service).writes().stream()
                    .filter(name -> name.startsWith("error."))
                    .forEach(all::add);
        }
        return all;
    }

    private boolean writtenBy(String writer) {
        if (writer.equals("any stage")) {
            return true;
        }
        if (writer.equals("provider-<id>")) {
            for (Provider provider : Provider.values()) {
                if (service.equals("provider-" + provider.id())) {
                    return true;
                }
            }
            return false;
        }
        return writer.equals(service);
    }

    private static void flatten(JsonNode node, String path, Map<String, String> out) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(field -> flatten(
                            field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(node.get(i), path + "[" + i + "]", out);
            }
        } else {
            out.put(path, node.asText());
        }
    }

    private static String resource(String name) {
        try (InputStream in = ServiceConfig.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
