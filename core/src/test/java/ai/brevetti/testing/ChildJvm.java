package ai.brevetti.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A main class run in a new JVM with the test class path and exactly the environment given (nothing of
 * the test's own: no AWS variables leak in), as a job in a container runs.
 */
public final class ChildJvm {
    /** What the process printed (stdout and stderr together), its exit code and how long it ran. */
    public record Result(int exitCode, String output, double seconds) {
        /** The lines starting with {@code prefix}. */
        public List<String> lines(String prefix) {
            return output.lines().filter(l -> l.startsWith(prefix)).toList();
        }
    }

    private ChildJvm() {
    }

    /** Runs {@code main} with {@code args} under {@code environment} (plus {@code HOME}); waits up to 2 minutes. */
    public static Result run(Class<?> main, Map<String, String> environment, Path home, String... args) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", classPath,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("HOME", home.toString());
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("The child JVM did not end within 2 minutes:\n" + out);
        }
        return new Result(p.exitValue(), out, (System.nanoTime() - start) / 1e9);
    }
}
