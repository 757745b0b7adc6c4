package clinic.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the dead-letter CLI ({@code clinic.ops.DeadLetterCli}) in a JVM of its own, as an operator would. */
final class OpsCli {

    record Result(int exit, String out, String err) {
    }

    private final String bootstrap;
    private final Path workDir;

    OpsCli(String bootstrap, Path workDir) {
        this.bootstrap = bootstrap;
        this.workDir = workDir;
    }

    Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "clinic.ops.DeadLetterCli"));
        command.addAll(List.of(args));
        command.add("--bootstrap-servers=" + bootstrap);
        try {
            Files.createDirectories(workDir);
            Path out = Files.createTempFile(workDir, "cli-", ".out");
            Path err = Files.createTempFile(workDir, "cli-", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("CLI did not finish: " + String.join(" ", args));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
