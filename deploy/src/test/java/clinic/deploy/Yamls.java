package clinic.deploy;

import java.util.List;
import java.util.Map;

/** Navigation in parsed YAML: typed access that fails with the path when the shape is not as expected. */
final class Yamls {

    private Yamls() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        if (!(node instanceof Map<?, ?>)) {
            throw new AssertionError("expected a mapping but got " + describe(node));
        }
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        if (!(node instanceof List<?>)) {
            throw new AssertionError("expected a list but got " + describe(node));
        }
        return (List<Object>) node;
    }

    /** The node at a dotted path ("spec.template.spec"), or null when any step is missing. */
    static Object at(Map<String, Object> root, String path) {
        Object node = root;
        for (String step : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(step);
        }
        return node;
    }

    static Map<String, Object> mapAt(Map<String, Object> root, String path) {
        Object node = at(root, path);
        if (node == null) {
            throw new AssertionError("missing " + path);
        }
        return map(node);
    }

    static List<Object> listAt(Map<String, Object> root, String path) {
        Object node = at(root, path);
        return node == null ? List.of() : list(node);
    }

    static String string(Map<String, Object> root, String path) {
        Object node = at(root, path);
        return node == null ? null : String.valueOf(node);
    }

    private static String describe(Object node) {
        return node == null ? "nothing" : node.getClass().getSimpleName() + " " + node;
    }
}
