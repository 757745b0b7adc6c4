package clinic.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A script checked out with CRLF on Windows fails inside the Linux containers and on the host ("bash\r: No such
 * file or directory"): every file that starts with {@code #!} is covered by a {@code .gitattributes} rule
 * {@code eol=lf}, the Dockerfiles too.
 */
class LineEndingsTest {

    private static final Set<String> NOT_SOURCES = Set.of(".git", "target", "data", "node_modules", ".idea");

    @Test
    void everyScriptAndDockerfileIsCheckedOutWithLfLineEndings() throws IOException {
        List<Rule> lfRules = Repo.text(".gitattributes").lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+")).filter(parts -> List.of(parts).contains("eol=lf"))
                .map(parts -> new Rule(parts[0])).toList();
        List<String> needingLf = scriptsAndDockerfiles();

        assertThat(needingLf).contains("mvnw", ".ci/run", "deploy/docker/Dockerfile",
                "deploy/postgres/init-databases.sh");
        assertThat(needingLf).allSatisfy(file -> assertThat(lfRules).as(file).anyMatch(rule -> rule.matches(file)));
    }

    @Test
    void theRuleMatchingFollowsGitsPatterns() {
        assertThat(new Rule("*.sh").matches("deploy/kafka/create-topics.sh")).isTrue();
        assertThat(new Rule(".ci/run").matches(".ci/run")).isTrue();
        assertThat(new Rule(".ci/run").matches("other/.ci/run")).isFalse();
        assertThat(new Rule("*.cmd").matches("mvnw")).isFalse();
    }

    private static List<String> scriptsAndDockerfiles() throws IOException {
        try (Stream<Path> walk = Files.walk(Repo.ROOT)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> {
                        for (Path part : Repo.ROOT.relativize(file)) {
                            if (NOT_SOURCES.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .filter(file -> file.getFileName().toString().equals("Dockerfile") || startsWithShebang(file))
                    .map(file -> Repo.ROOT.relativize(file).toString().replace('\\', '/')).sorted().toList();
        }
    }

    private static boolean startsWithShebang(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == '#' && head[1] == '!';
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A .gitattributes pattern: without a slash it matches a file name anywhere, with one the path from the root. */
    private record Rule(String pattern) {
        boolean matches(String path) {
            boolean anywhere = !pattern.contains("/");
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            Path candidate = Path.of(path);
            return glob.matches(anywhere ? candidate.getFileName() : candidate);
        }
    }
}
