package clinic.support.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;

/** The class-level condition: skips with RequiredTool's reason, fails under CI=true, runs when installed. */
class RequiredToolsTest {

    private static final String NO_SUCH_TOOL = "clinic-no-such-tool-7f3c";

    @TempDir
    Path bin;

    private final ExtensionContext context = mock(ExtensionContext.class);

    RequiredToolsTest() {
        doReturn(RequiredToolsTest.class).when(context).getRequiredTestClass();
    }

    @Test
    void aMissingToolDisablesTheClassWithTheReason() {
        ConditionEvaluationResult result = condition(Map.of("PATH", bin.toString())).evaluateExecutionCondition(context);

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValue(NO_SUCH_TOOL + " is not installed: RequiredToolsTest skipped"
                + " (apt-get install no-such-package; CI installs it)");
    }

    @Test
    void aMissingToolFailsTheClassUnderCi() {
        RequiredTools condition = condition(Map.of("PATH", bin.toString(), "CI", "true"));

        assertThatThrownBy(() -> condition.evaluateExecutionCondition(context))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining(NO_SUCH_TOOL + " is not installed: RequiredToolsTest cannot run");
    }

    @Test
    void installedToolsLetTheClassRun() throws IOException {
        Files.createFile(bin.resolve(NO_SUCH_TOOL),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

        ConditionEvaluationResult result = condition(Map.of("PATH", bin.toString(), "CI", "true"))
                .evaluateExecutionCondition(context);

        assertThat(result.isDisabled()).isFalse();
    }

    private RequiredTools condition(Map<String, String> environment) {
        // an installed tool first, so a later missing one is still found
        RequiredTool sh = new RequiredTool("/bin/sh", "dash").withEnvironment(environment::get);
        return RequiredTools.forClass(sh, new RequiredTool(NO_SUCH_TOOL, "no-such-package").withEnvironment(environment::get));
    }
}
