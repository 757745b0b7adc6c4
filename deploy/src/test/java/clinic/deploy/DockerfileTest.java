package clinic.deploy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DockerfileTest {

    private static final String DOCKERFILE = "deploy/docker/Dockerfile";
    private final String dockerfile = Repo.text(DOCKERFILE);

    @Test
    void buildsTheChosenServiceWithTheWrapperAndPicksItsExecJar() {
        assertThat(dockerfile).contains("FROM eclipse-temurin:17-jdk AS build")
                .contains("./mvnw -B -ntp -pl \"$SERVICE\" -am package -DskipTests")
                .contains("\"$SERVICE\"/target/\"$SERVICE\"-*-exec.jar");
        for (String service : Contract.services()) {
            // the exec classifier is what makes <module>-<version>-exec.jar; without it the copy finds nothing
            String pom = Repo.text(service + "/pom.xml");
            assertThat(pom).as(service + "/pom.xml").contains("<artifactId>" + service + "</artifactId>")
                    .containsPattern("<classifier>exec</classifier>");
            assertThat(dockerfile).contains(service);
        }
    }

    @Test
    void runtimeIsAJreWithBootLayersAndTheLauncher() {
        assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre AS runtime")
                .contains("java -Djarmode=tools -jar app.jar extract --layers --launcher")
                .contains("ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
        List<String> layers = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
        int previous = -1;
        for (String layer : layers) {
            int at = dockerfile.indexOf("/extract/layers/" + layer + "/");
            assertThat(at).as("layer " + layer + " copied after the previous one").isGreaterThan(previous);
            previous = at;
        }
    }

    @Test
    void runsAsANumericNonRootUserWithAContainerAwareHeapAndNoHealthcheck() {
        Matcher user = Pattern.compile("(?m)^USER (\\d+)(:\\d+)?$").matcher(dockerfile);
        assertThat(user.find()).as("USER <uid>").isTrue();
        assertThat(Integer.parseInt(user.group(1))).isPositive();
        assertThat(dockerfile).containsPattern("JAVA_TOOL_OPTIONS=\"[^\"]*-XX:MaxRAMPercentage=")
                .doesNotContainPattern("(?m)^HEALTHCHECK");
        assertThat(dockerfile).doesNotContainPattern("(?m)^ENV [^\\n]*(PASSWORD|SECRET)");
    }

    /** Compose builds the three images in parallel; Maven's local repository is not safe for concurrent writers. */
    @Test
    void everyCacheMountIsLockedSoParallelBuildsTakeTurns() {
        Matcher mounts = Pattern.compile("--mount=type=cache[^ \\n]*").matcher(dockerfile);
        List<String> found = mounts.results().map(m -> m.group()).toList();
        assertThat(found).isNotEmpty().allSatisfy(mount -> assertThat(mount).contains("sharing=locked"));
    }

    @Test
    void dockerignoreKeepsEveryModulePomButNotBuildOutput() {
        String ignore = Repo.text(".dockerignore");
        assertThat(ignore).contains("**/target/").contains("!deploy/pom.xml").contains(".git");
    }
}
