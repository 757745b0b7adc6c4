package clinic.support.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Skip on a developer's machine, fail under CI=true, run where the tool is; judged on injected variables. */
class RequiredToolTest {

    // a name no package installs, so the real machine cannot turn these cases into "present"
    private static final String NO_SUCH_TOOL = "clinic-no-such-tool-7f3c";

    @TempDir
    Path bin;

    @Test
    void aMissingToolSkipsTheTestOnADevelopersMachineAndSaysHowToInstallIt() {
        RequiredTool tool = new RequiredTool(NO_SUCH_TOOL, "no-such-package other-package")
                .withEnvironment(variables("PATH", bin.toString()));

        assertThatThrownBy(() -> tool.require(RequiredToolTest.class))
                .isInstanceOf(TestAbortedException.class)
                .hasMessage(NO_SUCH_TOOL + " is not installed: RequiredToolTest skipped"
                        + " (apt-get install no-such-package other-package; CI installs it)");
    }

    @Test
    void onlyTheExactValueTrueCountsAsCi() {
        for (String notCi : new String[] {"false", "", "1", "yes"}) {
            RequiredTool tool = new RequiredTool(NO_SUCH_TOOL, "no-such-package")
                    .withEnvironment(variables("PATH", bin.toString(), "CI", notCi));
            assertThatThrownBy(() -> tool.require(RequiredToolTest.class)).as("CI=" + notCi)
                    .isInstanceOf(TestAbortedException.class);
        }
    }

    @Test
    void aMissingToolFailsTheTestUnderCi() {
        RequiredTool tool = new RequiredTool(NO_SUCH_TOOL, "no-such-package")
                .withEnvironment(variables("PATH", bin.toString(), "CI", "true"));

        assertThatThrownBy(() -> tool.require(RequiredToolTest.class))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith(NO_SUCH_TOOL + " is not installed: RequiredToolTest cannot run")
                .hasMessageContaining("apt-get install no-such-package");
    }

    @Test
    void aPresentToolIsReturnedAndRunsEvenUnderCi() throws IOException {
        Path executable = executable(NO_SUCH_TOOL);
        RequiredTool tool = new RequiredTool(NO_SUCH_TOOL, "no-such-package")
                .withEnvironment(variables("PATH", "/nonexistent:" + bin, "CI", "true"));

        assertThat(tool.require(RequiredToolTest.class)).isEqualTo(executable);
    }

    @Test
    void aFileThatIsNotExecutableDoesNotCountAsInstalled() throws IOException {
        Files.writeString(bin.resolve(NO_SUCH_TOOL), "#!/bin/sh\n");
        RequiredTool tool = new RequiredTool(NO_SUCH_TOOL, "no-such-package")
                .withEnvironment(variables("PATH", bin.toString(), "CI", "true"));

        assertThatThrownBy(() -> tool.require(RequiredToolTest.class)).isInstanceOf(AssertionFailedError.class);
    }

    @Test
    void anAbsolutePathIsCheckedAsItIsAndNotOnPath() throws IOException {
        Path executable = executable(NO_SUCH_TOOL);
        RequiredTool pinned = new RequiredTool(executable.toString(), "no-such-package")
                .withEnvironment(variables("CI", "true"));
        RequiredTool elsewhere = new RequiredTool(bin.resolve("other").resolve(NO_SUCH_TOOL).toString(), "no-such-package")
                .withEnvironment(variables("PATH", bin.toString(), "CI", "true"));

        assertThat(pinned.require(RequiredToolTest.class)).isEqualTo(executable);
        assertThat(pinned.name()).isEqualTo(NO_SUCH_TOOL);
        assertThatThrownBy(() -> elsewhere.require(RequiredToolTest.class)).isInstanceOf(AssertionFailedError.class);
    }

    @Test
    void underCiABestEffortToolSkipsOnlyWhenCiRunSaysItCouldNotInstallIt() {
        RequiredTool bestEffort = new RequiredTool(NO_SUCH_TOOL, "no-such-package").bestEffortInCi();

        assertThatThrownBy(() -> bestEffort.withEnvironment(variables("CI", "true",
                RequiredTool.NOT_INSTALLED_BY_CI, "other-tool " + NO_SUCH_TOOL)).require(RequiredToolTest.class))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining(".ci/run could not install it");
        assertThatThrownBy(() -> bestEffort.withEnvironment(variables("CI", "true")).require(RequiredToolTest.class))
                .as("CI that did not try to install it")
                .isInstanceOf(AssertionFailedError.class);
        assertThatThrownBy(() -> bestEffort.withEnvironment(variables("CI", "true",
                RequiredTool.NOT_INSTALLED_BY_CI, NO_SUCH_TOOL + "-other")).require(RequiredToolTest.class))
                .as("another tool named")
                .isInstanceOf(AssertionFailedError.class);
    }

    @Test
    void aToolThatMustBeInstalledCannotBeExcusedByCi() {
        RequiredTool required = new RequiredTool(NO_SUCH_TOOL, "no-such-package")
                .withEnvironment(variables("CI", "true", RequiredTool.NOT_INSTALLED_BY_CI, NO_SUCH_TOOL));

        assertThatThrownBy(() -> required.require(RequiredToolTest.class)).isInstanceOf(AssertionFailedError.class);
    }

    @Test
    void onlyKubectlMayBeMissingUnderCi() {
        for (RequiredTool tool : RequiredTool.ALL) {
            RequiredTool excused = tool.withEnvironment(variables("PATH", bin.toString(), "CI", "true",
                    RequiredTool.NOT_INSTALLED_BY_CI, tool.name()));
            Class<? extends Throwable> expected = tool == RequiredTool.KUBECTL
                    ? TestAbortedException.class : AssertionFailedError.class;
            // the absolute chromium paths may exist on this machine; then there is nothing to excuse
            if (excused.find().isEmpty()) {
                assertThatThrownBy(() -> excused.require(RequiredToolTest.class)).as(tool.name()).isInstanceOf(expected);
            }
        }
        assertThat(RequiredTool.ALL).extracting(RequiredTool::name)
                .containsExactly("chromium", "chromedriver", "docker-compose", "promtool", "kubectl");
    }

    private Path executable(String name) throws IOException {
        return Files.createFile(bin.resolve(name), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    private static Function<String, String> variables(String... namesAndValues) {
        Map<String, String> variables = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return variables::get;
    }
}
