package clinic.local;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canary test searches the log as the tests configure it (logback-test.xml). That only says something
 * about the launcher if no logger is quieter in the tests than in the launcher's logback.xml.
 */
class TestLoggingConfigTest {

    @Test
    void testLoggingHidesNothingTheLauncherWouldLog() throws Exception {
        Map<String, String> launcher = levels(Path.of("src/main/resources/logback.xml"));
        Map<String, String> tests = levels(Path.of("src/test/resources/logback-test.xml"));

        assertThat(launcher).containsKey("ROOT").hasSizeGreaterThan(1);
        launcher.forEach((logger, level) -> assertThat(rank(tests.getOrDefault(logger, tests.get("ROOT"))))
                .as("level of %s in logback-test.xml against logback.xml (%s)", logger, level)
                .isLessThanOrEqualTo(rank(level)));
        tests.forEach((logger, level) -> assertThat(rank(level))
                .as("level of %s in logback-test.xml against what the launcher logs", logger)
                .isLessThanOrEqualTo(rank(launcher.getOrDefault(logger, launcher.get("ROOT")))));
        assertThat(tests).containsEntry("clinic", "DEBUG");
    }

    private static Map<String, String> levels(Path file) throws Exception {
        Map<String, String> levels = new HashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            NodeList loggers = document.getElementsByTagName("logger");
            for (int i = 0; i < loggers.getLength(); i++) {
                Element logger = (Element) loggers.item(i);
                levels.put(logger.getAttribute("name"), logger.getAttribute("level"));
            }
            Element root = (Element) document.getElementsByTagName("root").item(0);
            levels.put("ROOT", root.getAttribute("level"));
        }
        return levels;
    }

    private static int rank(String level) {
        return java.util.List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF").indexOf(level.toUpperCase());
    }
}
