package clinic.triage.cds;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The vignettes of {@code vignettes/heel-pain-vignettes.yml}, raw: answers by linkId, expected disposition. */
record Vignettes(String id, Map<String, Object> answers, String expectedDisposition) {

    @SuppressWarnings("unchecked")
    static List<Vignettes> all() {
        try (InputStream yaml = Vignettes.class.getResourceAsStream("/vignettes/heel-pain-vignettes.yml")) {
            List<Map<String, Object>> cases = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
            return cases.stream().map(c -> new Vignettes((String) c.get("id"), (Map<String, Object>) c.get("answers"),
                    (String) ((Map<String, Object>) c.get("expected")).get("disposition"))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Vignettes first(String disposition) {
        return all().stream().filter(v -> v.expectedDisposition().equals(disposition)).findFirst().orElseThrow();
    }

    @Override
    public String toString() {
        return id;
    }
}
