package dev.signingsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the manifests of deploy/kubernetes and deploy/compose (tests run in deploy/kubernetes). */
final class ManifestFiles {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    static final Path KUBERNETES = Path.of("").toAbsolutePath();
    static final Path BASE = KUBERNETES.resolve("base");
    static final Path OVERLAYS = KUBERNETES.resolve("overlays");
    static final Path COMPOSE = KUBERNETES.resolveSibling("compose").resolve("compose.yaml");
    static final Path REPOSITORY = KUBERNETES.getParent().getParent();

    private ManifestFiles() {}

    /** Every document of every .yaml file under {@code dir}, in file order. */
    static List<Manifest> under(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Manifest> all = new ArrayList<>();
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                all.addAll(read(file));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Manifest> base() {
        return under(BASE);
    }

    static List<Manifest> read(Path file) {
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<Manifest> result = new ArrayList<>();
            int index = 0;
            while (docs.hasNext()) {
                JsonNode node = docs.next();
                if (node != null && !node.isNull() && !node.isEmpty()) {
                    result.add(new Manifest(file, index, node));
                }
                index++;
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static JsonNode compose() {
        try {
            return YAML.readTree(COMPOSE.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
