package clinic.deploy;

import clinic.support.testing.RequiredTool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static clinic.deploy.Yamls.listAt;
import static clinic.deploy.Yamls.map;
import static clinic.deploy.Yamls.string;

/**
 * The Kubernetes manifests under deploy/k8s: the files of the base (Secret templates apart), parsed as written,
 * and each overlay as kustomize renders it, which is what a cluster receives.
 */
final class K8s {

    static final String DIR = "deploy/k8s";
    static final String BASE = DIR + "/base";
    static final List<String> OVERLAYS = List.of("dev", "prod");

    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    private K8s() {
    }

    /** The output of `kubectl kustomize` for an overlay; skips the calling test where kubectl is missing. */
    static String renderedText(String overlay, Class<?> test) {
        Tool kubectl = Tool.require(RequiredTool.KUBECTL, test);
        return RENDERED.computeIfAbsent(overlay, name -> {
            Tool.Result result = kubectl.run("kustomize", overlayDir(name));
            if (result.exitCode() != 0) {
                throw new AssertionError("kubectl kustomize " + overlayDir(name) + ":\n" + result.output());
            }
            return result.output();
        });
    }

    /** Every object kustomize renders for an overlay, tagged with the overlay's directory. */
    static Rendered render(String overlay, Class<?> test) {
        String text = renderedText(overlay, test);
        Path dir = Repo.path(overlayDir(overlay));
        List<Resource> resources = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (doc != null) {
                resources.add(new Resource(dir, Yamls.map(doc)));
            }
        }
        return new Rendered(overlay, List.copyOf(resources));
    }

    static String overlayDir(String overlay) {
        return DIR + "/overlays/" + overlay;
    }

    /** One rendered overlay. */
    record Rendered(String overlay, List<Resource> resources) {

        List<Resource> ofKind(String kind) {
            return resources.stream().filter(resource -> kind.equals(resource.kind())).toList();
        }

        Resource named(String kind, String name) {
            return ofKind(kind).stream().filter(resource -> name.equals(resource.name())).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " named " + name));
        }

        boolean isProd() {
            return "prod".equals(overlay);
        }
    }

    /** Every object of every manifest file of the base, tagged with its file. */
    static List<Resource> resources() {
        List<Resource> resources = new ArrayList<>();
        for (Path file : Repo.files(BASE, ".yaml")) {
            if (isSecretTemplateDir(file) || file.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            Repo.yamlDocuments(file).forEach(doc -> resources.add(new Resource(file, doc)));
        }
        return resources;
    }

    static List<Resource> ofKind(String kind) {
        return resources().stream().filter(resource -> kind.equals(resource.kind())).toList();
    }

    static Resource named(String kind, String name) {
        return ofKind(kind).stream().filter(resource -> name.equals(resource.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    /** The committed Secret templates (*.example). */
    static List<Resource> secretTemplates() {
        List<Resource> templates = new ArrayList<>();
        for (Path file : Repo.files(DIR + "/secrets", ".example")) {
            Repo.yamlDocuments(file).forEach(doc -> templates.add(new Resource(file, doc)));
        }
        return templates;
    }

    static boolean isSecretTemplateDir(Path file) {
        return file.getParent().getFileName().toString().equals("secrets");
    }

    record Resource(Path file, Map<String, Object> doc) {

        String kind() {
            return string(doc, "kind");
        }

        String name() {
            return string(doc, "metadata.name");
        }

        /** Containers of a Deployment's or StatefulSet's pod template. */
        List<Map<String, Object>> containers() {
            return listAt(doc, "spec.template.spec.containers").stream().map(Yamls::map).toList();
        }

        Map<String, Object> podSpec() {
            return Yamls.mapAt(doc, "spec.template.spec");
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + Repo.ROOT.relativize(file) + ")";
        }
    }

    static List<Map<String, Object>> env(Map<String, Object> container) {
        return listAt(container, "env").stream().map(Yamls::map).toList();
    }

}
