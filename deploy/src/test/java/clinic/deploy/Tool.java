package clinic.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** An external validator (docker-compose, promtool, kubectl) run offline, when it is installed. */
record Tool(String name) {

    record Result(int exitCode, String output) {
    }

    boolean installed() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** Skips the calling test (only that one) when the binary is absent; CI installs it. */
    void assumeInstalled() {
        assumeTrue(installed(), name + " is not installed; this check runs where it is (CI installs it)");
    }

    /** Runs the tool in the repository root, with the given variables removed from its environment. */
    Result run(List<String> arguments, List<String> unsetVariables) {
        List<String> command = new java.util.ArrayList<>();
        command.add(name);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(Repo.ROOT.toFile()).redirectErrorStream(true);
        unsetVariables.forEach(builder.environment()::remove);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + " did not finish within 120 s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    Result run(String... arguments) {
        return run(List.of(arguments), List.of());
    }
}
