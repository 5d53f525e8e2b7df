package ai.brevetti.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Jupyter for the kernel's integration tests: whether it is installed (Debian: jupyter-nbconvert,
 * python3-nbclient, jupyter-client; .ci/run installs them), the kernelspec installed into a temporary
 * prefix by {@code bin/brevettiai kernel install --prefix}, and commands run with {@code JUPYTER_PATH}
 * pointing there.
 */
public final class Jupyter {
    public static final Path ROOT = Path.of(System.getProperty("brevettiai.root", ".")).toAbsolutePath().normalize();
    /** Debian's Python, which has jupyter_client (a pyenv python3 first on the PATH may not). */
    public static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private final Path prefix;

    private Jupyter(Path prefix) {
        this.prefix = prefix;
    }

    public record Result(int code, String out, String err) {
        public String both() {
            return out + "\n" + err;
        }
    }

    /** Why the Jupyter tests cannot run here, or null when they can. */
    public static String missing() {
        try {
            Result nbconvert = run(List.of("jupyter", "nbconvert", "--version"), ROOT, Map.of(), 60);
            if (nbconvert.code != 0) {
                return "`jupyter nbconvert` does not run: " + nbconvert.both().strip();
            }
            Result client = run(List.of(PYTHON, "-c", "import jupyter_client, nbclient"), ROOT, Map.of(), 60);
            if (client.code != 0) {
                return PYTHON + " has no jupyter_client/nbclient: " + client.both().strip();
            }
            return null;
        } catch (IOException e) {
            return "jupyter is not installed (" + e.getMessage() + "); Debian: apt-get install --no-install-recommends"
                    + " jupyter-nbconvert python3-nbclient jupyter-client";
        }
    }

    /**
     * Skips the calling tests (a JUnit assumption naming {@code what}) when Jupyter is {@link #missing}, else
     * {@link #install installs} the kernelspec into {@code prefix}.
     */
    public static Jupyter installOrSkip(Path prefix, String what) throws IOException {
        String missing = missing();
        Assumptions.assumeTrue(missing == null, what + " skipped: " + missing);
        return install(prefix);
    }

    /** Installs the kernelspec into {@code prefix} through bin/brevettiai, as a user would. */
    public static Jupyter install(Path prefix) throws IOException {
        Result r = run(List.of(ROOT.resolve("bin/brevettiai").toString(), "kernel", "install", "--prefix", prefix.toString()),
                ROOT, Map.of(), 300);
        if (r.code != 0 || !Files.isRegularFile(prefix.resolve("share/jupyter/kernels/brevettiai-java/kernel.json"))) {
            throw new AssertionError("kernel install failed (" + r.code + "): " + r.both());
        }
        return new Jupyter(prefix);
    }

    /** JUPYTER_PATH for the installed kernelspec (plus {@code extra}). */
    public Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("JUPYTER_PATH", prefix.resolve("share/jupyter").toString());
        return env;
    }

    /** Runs a command with the kernelspec visible; fails the test after {@code timeoutSeconds}. */
    public Result jupyter(List<String> command, Path dir, Map<String, String> extraEnv, int timeoutSeconds) throws IOException {
        return run(command, dir, env(extraEnv), timeoutSeconds);
    }

    /** Runs the kernel_client.py driver in one of its modes and returns its last output line (JSON). */
    public Result client(Path dir, Map<String, String> extraEnv, String... args) throws IOException {
        Path script = dir.resolve("kernel_client.py");
        try (InputStream in = Jupyter.class.getResourceAsStream("/ai/brevetti/kernel/kernel_client.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(List.of(args));
        return run(command, dir, env(extraEnv), 600);
    }

    public static Result run(List<String> command, Path dir, Map<String, String> env, int timeoutSeconds) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new Result(p.exitValue(), out.join(), err.join());
    }

    /** Reads a stream to its end on a thread of its own (two pipes must be drained at once). */
    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                text.complete(read(in));
            } catch (RuntimeException e) {
                text.completeExceptionally(e);
            }
        }, "drain");
        t.setDaemon(true);
        t.start();
        return text;
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
