package clinic.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Files of the repository under test, read as text or as YAML (which also reads the JSON files). */
final class Repo {

    static final Path ROOT = findRoot();

    private Repo() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String text(String relative) {
        return text(path(relative));
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The single YAML (or JSON) document of a file, as maps and lists. */
    static Map<String, Object> yaml(String relative) {
        return Yamls.map(newYaml().load(text(relative)));
    }

    /** Every non-empty document of a multi-document YAML file. */
    static List<Map<String, Object>> yamlDocuments(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : newYaml().loadAll(text(file))) {
            if (document != null) {
                documents.add(Yamls.map(document));
            }
        }
        return documents;
    }

    static List<Path> files(String relativeDir, String suffix) {
        try (Stream<Path> walk = Files.walk(path(relativeDir))) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Yaml newYaml() {
        // SafeConstructor: plain maps, lists and scalars only, never arbitrary classes
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    /** Surefire runs in deploy/; the repository root is the first ancestor holding docker-compose.yml. */
    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
