package clinic.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static clinic.deploy.Yamls.listAt;
import static clinic.deploy.Yamls.map;
import static clinic.deploy.Yamls.string;

/** The Kubernetes manifests under deploy/k8s (Secret templates apart), parsed. */
final class K8s {

    static final String DIR = "deploy/k8s";

    private K8s() {
    }

    /** Every object of every manifest file outside secrets/, tagged with its file. */
    static List<Resource> resources() {
        List<Resource> resources = new ArrayList<>();
        for (Path file : Repo.files(DIR, ".yaml")) {
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

        /** Containers of a Deployment's pod template. */
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
