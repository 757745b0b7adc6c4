package clinic.support.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * A program a test needs that the JDK does not bring. A developer who has not installed it gets a skipped
 * test and the Debian packages to install; where {@code CI=true} the test fails instead, so a CI run can
 * never pass by skipping. {@code .ci/run} installs every tool listed here.
 */
public final class RequiredTool {

    /** Names the best-effort tools that {@code .ci/run} tried and could not install on this machine. */
    public static final String NOT_INSTALLED_BY_CI = "CI_TOOLS_NOT_INSTALLED";

    // the browser test pins Debian's paths: a chromium found elsewhere on PATH (a snap wrapper) may not
    // match the chromedriver next to it
    public static final RequiredTool CHROMIUM = new RequiredTool("/usr/bin/chromium", "chromium chromium-driver");
    public static final RequiredTool CHROMEDRIVER = new RequiredTool("/usr/bin/chromedriver", "chromium chromium-driver");
    public static final RequiredTool DOCKER_COMPOSE = new RequiredTool("docker-compose", "docker-compose");
    public static final RequiredTool PROMTOOL = new RequiredTool("promtool", "prometheus");
    // not packaged in every Debian release's sources, so .ci/run may fail to install it (see bestEffortInCi)
    public static final RequiredTool KUBECTL = new RequiredTool("kubectl", "kubectl").bestEffortInCi();

    public static final List<RequiredTool> ALL = List.of(CHROMIUM, CHROMEDRIVER, DOCKER_COMPOSE, PROMTOOL, KUBECTL);

    private final String command;
    private final String debianPackages;
    private final boolean bestEffortInCi;
    private final Function<String, String> environment;

    private RequiredTool(String command, String debianPackages, boolean bestEffortInCi,
            Function<String, String> environment) {
        this.command = command;
        this.debianPackages = debianPackages;
        this.bestEffortInCi = bestEffortInCi;
        this.environment = environment;
    }

    /** A command looked up on PATH, or an absolute path used as it is. */
    RequiredTool(String command, String debianPackages) {
        this(command, debianPackages, false, System::getenv);
    }

    /**
     * A tool that may be missing under CI=true too, but only when .ci/run names it in
     * {@value #NOT_INSTALLED_BY_CI}: a CI run that did not even try to install it still fails.
     */
    RequiredTool bestEffortInCi() {
        return new RequiredTool(command, debianPackages, true, environment);
    }

    /** The same tool judged by another environment than the process's; the unit test's way in. */
    RequiredTool withEnvironment(Function<String, String> variables) {
        return new RequiredTool(command, debianPackages, bestEffortInCi, Objects.requireNonNull(variables));
    }

    public String name() {
        return Path.of(command).getFileName().toString();
    }

    public List<String> debianPackages() {
        return List.of(debianPackages.split(" "));
    }

    /**
     * The tool's executable for {@code test} to run. Where it is missing, skips the calling test, or fails it
     * under CI=true; the reason is printed as well, because surefire's console shows only the skip count.
     */
    public Path require(Class<?> test) {
        Optional<Path> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        String reason = whyMissing(test);
        System.err.println(reason);
        return mustBeInstalled() ? fail(reason) : abort(reason);
    }

    /** Whether a missing tool fails the test (CI=true) rather than skipping it. */
    boolean mustBeInstalled() {
        return "true".equals(environment.apply("CI")) && !(bestEffortInCi && notInstalledByCi());
    }

    String whyMissing(Class<?> test) {
        String missing = name() + " is not installed: " + test.getSimpleName();
        String install = "apt-get install " + debianPackages;
        if (mustBeInstalled()) {
            return missing + " cannot run, and CI=true does not allow skipping it (" + install
                    + "; .ci/run installs it)";
        }
        if ("true".equals(environment.apply("CI"))) {
            return missing + " skipped (" + install + "; .ci/run could not install it on this machine)";
        }
        return missing + " skipped (" + install + "; CI installs it)";
    }

    Optional<Path> find() {
        Path path = Path.of(command);
        if (path.isAbsolute()) {
            return Optional.of(path).filter(RequiredTool::isExecutable);
        }
        String directories = environment.apply("PATH");
        if (directories == null) {
            return Optional.empty();
        }
        return Arrays.stream(directories.split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, command))
                .filter(RequiredTool::isExecutable)
                .findFirst();
    }

    private boolean notInstalledByCi() {
        String names = environment.apply(NOT_INSTALLED_BY_CI);
        return names != null && Arrays.asList(names.trim().split("[\\s,]+")).contains(name());
    }

    private static boolean isExecutable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }

    @Override
    public String toString() {
        return name();
    }
}
