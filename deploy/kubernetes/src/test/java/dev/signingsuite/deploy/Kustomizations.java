package dev.signingsuite.deploy;

import static dev.signingsuite.deploy.Schema.items;
import static dev.signingsuite.deploy.Schema.obj;
import static dev.signingsuite.deploy.Schema.oneOf;
import static dev.signingsuite.deploy.Schema.scalar;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Kustomization files: the fields we use of kustomize.config.k8s.io/v1beta1, and files that exist. */
final class Kustomizations {

    private static final Schema KUSTOMIZATION = obj(Map.of(
            "apiVersion", oneOf("kustomize.config.k8s.io/v1beta1"),
            "kind", oneOf("Kustomization"),
            "namespace", scalar(),
            "resources", items(scalar()),
            "patches",
                    items(obj(Map.of(
                            "path", scalar(),
                            // An inline patch (a JSON 6902 list, as text): adds to a list, where a
                            // file's strategic merge would replace a custom resource's whole list.
                            "patch", scalar(),
                            "target",
                                    obj(Map.of(
                                            "group",
                                            scalar(),
                                            "version",
                                            scalar(),
                                            "kind",
                                            scalar(),
                                            "name",
                                            scalar(),
                                            "namespace",
                                            scalar(),
                                            "labelSelector",
                                            scalar(),
                                            "annotationSelector",
                                            scalar()))))),
            "images",
                    items(obj(Map.of("name", scalar(), "newName", scalar(), "newTag", scalar(), "digest", scalar())))));

    private Kustomizations() {}

    static List<String> violations(Manifest kustomization) {
        List<String> out = new ArrayList<>();
        Schema.check(KUSTOMIZATION, kustomization.node(), kustomization.where(), out);
        Path dir = kustomization.file().getParent();
        for (JsonNode resource : kustomization.node().path("resources")) {
            Path target = dir.resolve(resource.asText()).normalize();
            boolean exists = Files.isDirectory(target)
                    ? Files.exists(target.resolve("kustomization.yaml"))
                    : Files.exists(target);
            if (!exists) {
                out.add(kustomization.where() + ": resource " + resource.asText() + " does not exist");
            }
        }
        for (JsonNode patch : kustomization.node().path("patches")) {
            Path file = dir.resolve(patch.path("path").asText());
            if (!Files.exists(file)) {
                out.add(kustomization.where() + ": patch " + file + " does not exist");
            }
        }
        return out;
    }

    /** Every file of a directory is listed in its kustomization (else it is never applied). */
    static List<String> everyFileListed(Path dir) {
        List<String> out = new ArrayList<>();
        Manifest kustomization =
                ManifestFiles.read(dir.resolve("kustomization.yaml")).get(0);
        List<String> listed = new ArrayList<>();
        kustomization.node().path("resources").forEach(r -> listed.add(r.asText()));
        kustomization
                .node()
                .path("patches")
                .forEach(p -> listed.add(p.path("path").asText()));
        try (var files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .filter(name -> !listed.contains(name))
                    .forEach(name ->
                            out.add(dir.relativize(dir.resolve(name)) + " is not in " + dir + "/kustomization.yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
