package dev.signingsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The configuration properties a service binds, as patterns an environment variable can match by
 * Spring's relaxed binding ({@code SIGNING_BLOBSTORE_S3_PATHSTYLEACCESS} binds
 * {@code signing.blob-store.s3.path-style-access}): from the {@code @ConfigurationProperties} classes
 * of the service's packages and of the Spring Cloud Stream Kafka binder, and from the
 * {@code spring-configuration-metadata.json} files on the class path (Spring Boot's own).
 */
final class PropertyCatalog {

    /** Read by the JVM itself, not by Spring: allowed in every container. */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    private static final String WILDCARD = "*";

    /** Segments in canonical form (lower case, no dashes); {@code open}: any further segments. */
    record Pattern(List<String> segments, boolean open) {

        boolean matchesEnvironmentVariable(String variable) {
            List<String> parts = Arrays.asList(variable.toLowerCase(Locale.ROOT).split("_"));
            if (parts.size() < segments.size()) {
                return false;
            }
            for (int i = 0; i < segments.size(); i++) {
                String segment = segments.get(i);
                if (!segment.equals(WILDCARD) && !segment.equals(parts.get(i))) {
                    return false;
                }
            }
            int rest = parts.size() - segments.size();
            // A list may be set element by element (NAME_0).
            return rest == 0 || open || (rest == 1 && parts.get(segments.size()).matches("\\d+"));
        }
    }

    private final List<Pattern> patterns = new ArrayList<>();
    private final Set<String> placeholders;

    private PropertyCatalog(Set<String> placeholders) {
        this.placeholders = placeholders;
    }

    private static final Map<String, PropertyCatalog> CATALOGS = new ConcurrentHashMap<>();

    /** The catalog of a service: its packages, the shared libraries it uses, Spring's properties. */
    static PropertyCatalog of(ServiceConfig config) {
        // Scanning the class path takes seconds; every check asks again.
        PropertyCatalog catalog = CATALOGS.get(config.service());
        if (catalog == null) {
            catalog = build(config);
            CATALOGS.put(config.service(), catalog);
        }
        return catalog;
    }

    private static PropertyCatalog build(ServiceConfig config) {
        PropertyCatalog catalog = new PropertyCatalog(config.placeholders());
        catalog.patterns.addAll(shared().patterns);
        catalog.addConfigurationPropertiesIn(packageOf(config.service()));
        if (config.service().startsWith("provider-")) {
            catalog.addConfigurationPropertiesIn("dev.signingsuite.provider.runtime");
        }
        if (ServiceConfig.WITH_BLOB_STORE.contains(config.service())) {
            catalog.addConfigurationPropertiesIn("dev.signingsuite.blobstore");
            PendingContract.addTo(catalog);
        }
        return catalog;
    }

    /** What every service binds: the messaging library, the Kafka binder and Spring Boot. */
    private static PropertyCatalog shared() {
        return CATALOGS.computeIfAbsent(" shared", key -> {
            PropertyCatalog shared = new PropertyCatalog(Set.of());
            shared.addConfigurationPropertiesIn("dev.signingsuite.messaging");
            shared.addConfigurationPropertiesIn("org.springframework.cloud.stream.binder.kafka");
            shared.addSpringMetadata();
            return shared;
        });
    }

    /** Whether {@code variable} sets a property this service binds. */
    boolean binds(String variable) {
        return JVM_VARIABLES.contains(variable)
                || placeholders.contains(variable)
                || patterns.stream().anyMatch(pattern -> pattern.matchesEnvironmentVariable(variable));
    }

    void add(String property, boolean open) {
        List<String> segments = new ArrayList<>();
        for (String segment : property.split("\\.")) {
            segments.add(segment.equals(WILDCARD) ? WILDCARD : canonical(segment));
        }
        patterns.add(new Pattern(List.copyOf(segments), open));
    }

    private static String packageOf(String service) {
        return switch (service) {
            case "hash-service" -> "dev.signingsuite.hash";
            case "augmentation-service" -> "dev.signingsuite.augmentation";
            case "container-service" -> "dev.signingsuite.container";
            case "gateway" -> "dev.signingsuite.gateway";
            default -> "dev.signingsuite.provider." + service.substring("provider-".length());
        };
    }

    private void addConfigurationPropertiesIn(String pkg) {
        for (Class<?> type :
                configurationPropertiesClasses(pkg.startsWith("dev.signingsuite.") ? "dev.signingsuite" : pkg)) {
            if (type.getPackageName().equals(pkg) || type.getPackageName().startsWith(pkg + ".")) {
                ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
                String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
                addType(prefix, type, 0);
            }
        }
    }

    private static final Map<String, List<Class<?>>> SCANNED = new ConcurrentHashMap<>();

    /** The @ConfigurationProperties classes under a package, scanned once (our own: one scan for all). */
    private static List<Class<?>> configurationPropertiesClasses(String root) {
        return SCANNED.computeIfAbsent(root, pkg -> {
            ClassPathScanningCandidateComponentProvider scanner =
                    new ClassPathScanningCandidateComponentProvider(false) {
                        @Override
                        protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                            return true;
                        }
                    };
            scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
            List<Class<?>> classes = new ArrayList<>();
            for (BeanDefinition definition : scanner.findCandidateComponents(pkg)) {
                try {
                    Class<?> type =
                            Class.forName(definition.getBeanClassName(), false, PropertyCatalog.class.getClassLoader());
                    if (type.getAnnotation(ConfigurationProperties.class) != null) {
                        classes.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // A class whose dependencies are not on this class path binds nothing here.
                }
            }
            return classes;
        });
    }

    private void addType(String prefix, Class<?> type, int depth) {
        if (depth > 5) {
            add(prefix, true);
            return;
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                addProperty(prefix + "." + dashed(component.getName()), component.getGenericType(), depth);
            }
            return;
        }
        for (Method method : type.getMethods()) {
            if (method.getName().startsWith("set")
                    && method.getName().length() > 3
                    && method.getParameterCount() == 1
                    && !Modifier.isStatic(method.getModifiers())) {
                String name = Character.toLowerCase(method.getName().charAt(3))
                        + method.getName().substring(4);
                addProperty(prefix + "." + dashed(name), method.getGenericParameterTypes()[0], depth);
            }
        }
    }

    private void addProperty(String property, Type type, int depth) {
        Class<?> raw = raw(type);
        if (Map.class.isAssignableFrom(raw)) {
            Type value = type instanceof ParameterizedType p ? p.getActualTypeArguments()[1] : Object.class;
            if (isNested(raw(value))) {
                addType(property + "." + WILDCARD, raw(value), depth + 1);
            } else {
                // Map keys may hold dots (security.protocol): any further segments.
                add(property, true);
            }
        } else if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            add(property, false);
        } else if (isNested(raw)) {
            addType(property, raw, depth + 1);
        } else {
            add(property, false);
        }
    }

    private static boolean isNested(Class<?> type) {
        if (type.isPrimitive() || type.isEnum() || type.isArray() || type.isInterface()) {
            return false;
        }
        String name = type.getName();
        return type.isRecord()
                || (name.startsWith("org.springframework.")
                        && !name.startsWith("org.springframework.util.unit")
                        && !name.startsWith("org.springframework.core.io"));
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private void addSpringMetadata() {
        try {
            for (String file : List.of(
                    "META-INF/spring-configuration-metadata.json",
                    "META-INF/additional-spring-configuration-metadata.json")) {
                Enumeration<URL> urls = getClass().getClassLoader().getResources(file);
                while (urls.hasMoreElements()) {
                    try (InputStream in = urls.nextElement().openStream()) {
                        JsonNode root = ManifestFiles.JSON.readTree(in);
                        for (JsonNode property : root.path("properties")) {
                            String type = property.path("type").asText("");
                            add(property.path("name").asText(), type.startsWith("java.util.Map"));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dashed(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String canonical(String segment) {
        return segment.replace("-", "").toLowerCase(Locale.ROOT);
    }
}
