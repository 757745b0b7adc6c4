package clinic.deploy;

import clinic.support.testing.RequiredTool;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * .ci/run against RequiredTool: CI installs every package a test's tool comes from, so under CI=true (which
 * it sets) no such test can fail for a missing tool, and only kubectl may be reported as not installable.
 */
class CiRunTest {

    private final List<String> commands = Repo.text(".ci/run").lines()
            .map(String::strip)
            .filter(line -> !line.startsWith("#"))
            .toList();

    @Test
    void installsEveryDebianPackageTheTestsNeed() {
        for (RequiredTool tool : RequiredTool.ALL) {
            for (String debianPackage : tool.debianPackages()) {
                Pattern queued = Pattern.compile("need_apt\\+=\\(" + Pattern.quote(debianPackage) + "\\)");
                Pattern installed = Pattern.compile("apt-get install .*\\b" + Pattern.quote(debianPackage) + "\\b");
                assertThat(commands).as(tool + " comes from " + debianPackage)
                        .anyMatch(line -> queued.matcher(line).find() || installed.matcher(line).find());
            }
        }
    }

    @Test
    void setsCiSoThatAMissingToolFailsInsteadOfSkipping() {
        assertThat(commands).contains("export CI=true");
        assertThat(commands.indexOf("export CI=true")).as("before the build starts")
                .isLessThan(commands.indexOf("./mvnw -B -ntp verify"));
    }

    @Test
    void excusesOnlyKubectlWhenItCannotBeInstalled() {
        assertThat(commands).filteredOn(line -> line.contains(RequiredTool.NOT_INSTALLED_BY_CI))
                .containsExactly("export " + RequiredTool.NOT_INSTALLED_BY_CI + "=" + RequiredTool.KUBECTL.name());
    }
}
