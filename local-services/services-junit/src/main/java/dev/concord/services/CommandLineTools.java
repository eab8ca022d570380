package dev.concord.services;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the command-line tools tests check configuration with (amtool, promtool, node). A missing tool skips the test,
 * except under {@code CI=true}, where it fails: CI must not pass by not checking.
 */
public final class CommandLineTools {

    private static final long TIMEOUT_SECONDS = 60;
    /** An npm install in a fresh checkout downloads packages. */
    private static final long TIMEOUT_IN_DIRECTORY_SECONDS = 300;

    private CommandLineTools() {}

    /** What a tool printed (stdout and stderr together) and how it exited. */
    public record Result(int exitCode, String output) {}

    /** The nearest parent of the working directory that holds {@code deploy/}. */
    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("no parent directory with deploy/");
        }
        return dir;
    }

    /** The tool's path on the PATH. */
    public static String require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool).toString();
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(tool + " is not installed; `scripts/services start prometheus` installs promtool"
                    + " and amtool (`start alertmanager` too); node and npm come from Debian");
        }
        Assumptions.abort(tool + " is not installed");
        return tool;
    }

    public static Result run(String... command) throws IOException, InterruptedException {
        return run(Path.of("").toAbsolutePath(), TIMEOUT_SECONDS, command);
    }

    public static Result run(Path workingDirectory, String... command) throws IOException, InterruptedException {
        return run(workingDirectory, TIMEOUT_IN_DIRECTORY_SECONDS, command);
    }

    private static Result run(Path workingDirectory, long timeoutSeconds, String... command)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command))
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), output);
    }
}
