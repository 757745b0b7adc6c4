package clinic.deploy;

import clinic.support.testing.RequiredTool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An external validator (docker-compose, promtool, kubectl) run offline in the repository root. */
record Tool(Path executable) {

    record Result(int exitCode, String output) {
    }

    /** The installed tool; where it is missing, RequiredTool skips the calling test (fails it under CI=true). */
    static Tool require(RequiredTool tool, Class<?> test) {
        return new Tool(tool.require(test));
    }

    /** Runs the tool with the given variables removed from its environment. */
    Result run(List<String> arguments, List<String> unsetVariables) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(Repo.ROOT.toFile()).redirectErrorStream(true);
        unsetVariables.forEach(builder.environment()::remove);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command.get(0) + " did not finish within 120 s");
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
