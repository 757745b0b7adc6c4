package clinic.triage.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine stays framework-free, so it can be benchmarked, reused and read on its own. */
class EngineIsPlainJavaTest {

    private static final Path ENGINE_SOURCES = Path.of("src/main/java/clinic/triage/engine");
    private static final List<String> FORBIDDEN = List.of("import org.springframework", "import jakarta.",
            "import org.hibernate", "import org.apache.kafka", "import tools.jackson", "import com.fasterxml");

    @Test
    void importsNoSpringJpaKafkaOrJackson() throws IOException {
        assertThat(ENGINE_SOURCES).isDirectory();
        try (Stream<Path> files = Files.list(ENGINE_SOURCES)) {
            List<Path> sources = files.filter(file -> file.toString().endsWith(".java")).toList();
            assertThat(sources).hasSizeGreaterThan(5);
            for (Path source : sources) {
                String text = Files.readString(source);
                assertThat(FORBIDDEN).as(source.getFileName().toString())
                        .noneMatch(text::contains);
            }
        }
    }
}
