package ai.brevetti.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Writes the kernelspec {@value #NAME} from the project's {@code kernel/kernelspec/} folder (the template): {@code kernel.json}
 * (argv through {@code {resource_dir}}, so the kernelspec folder can be moved or copied), {@code launch.sh}
 * (runs this project's {@code bin/brevettiai kernel run}, by absolute path) and the logos. The kernel runs
 * the project's own build (app/target/), so a rebuilt project needs no new install; a moved project does.
 */
public final class KernelInstaller {
    public static final String NAME = "brevettiai-java";
    /** JVM options of the kernel unless BREVETTIAI_KERNEL_JAVA_OPTS says otherwise: measured to start faster. */
    public static final String DEFAULT_JAVA_OPTS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    /** The kernelspec template's folder in the project. */
    static final String TEMPLATE = "kernel/kernelspec";
    static final List<String> LOGOS = List.of("logo-32x32.png", "logo-64x64.png");

    private final Path projectRoot;
    private final String javaOpts;

    public KernelInstaller(Path projectRoot) {
        this(projectRoot, DEFAULT_JAVA_OPTS);
    }

    /** An installer whose kernel runs with {@code javaOpts} (unless BREVETTIAI_KERNEL_JAVA_OPTS is set when it starts). */
    public KernelInstaller(Path projectRoot, String javaOpts) {
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
        if (javaOpts.contains("\n") || javaOpts.contains("}") || javaOpts.contains("\"") || javaOpts.contains("$")
                || javaOpts.contains("`") || javaOpts.contains("\\")) {
            throw new IllegalArgumentException("JVM options for the kernel cannot contain line breaks, quotes, $, ` or }: " + javaOpts);
        }
        this.javaOpts = javaOpts.strip();
    }

    /** Writes the kernelspec into {@code kernelsDir/brevettiai-java} (replacing one that is there) and returns that folder. */
    public Path install(Path kernelsDir) throws IOException {
        Path template = projectRoot.resolve(TEMPLATE);
        Path launcher = projectRoot.resolve("bin/brevettiai");
        if (!Files.isRegularFile(template.resolve("kernel.json")) || !Files.isRegularFile(launcher)) {
            throw new IOException("No brevettiai-java project at " + projectRoot + " (" + TEMPLATE + "/kernel.json and bin/brevettiai expected)");
        }
        String root = projectRoot.toString();
        if (root.contains("\n") || root.contains("'")) {
            throw new IOException("The project's path cannot contain a line break or a quote: " + root);
        }
        Path dir = kernelsDir.resolve(NAME);
        Files.createDirectories(dir);
        String json = Files.readString(template.resolve("kernel.json"))
                .replace("@PROJECT_ROOT_JSON@", root.replace("\\", "\\\\").replace("\"", "\\\""));
        Files.writeString(dir.resolve("kernel.json"), json);
        String javaHome = System.getProperty("java.home");
        String launch = Files.readString(template.resolve("launch.sh"))
                .replace("@PROJECT_ROOT@", root)
                .replace("@JAVA_HOME@", doubleQuoted(javaHome))
                .replace("@JAVA_OPTS@", javaOpts)
                .replace("@BREVETTIAI@", "'" + launcher + "'");
        Path script = dir.resolve("launch.sh");
        Files.writeString(script, launch);
        script.toFile().setExecutable(true, false);
        for (String logo : LOGOS) {
            Path source = template.resolve(logo);
            if (Files.isRegularFile(source)) {
                Files.copy(source, dir.resolve(logo), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    private static String doubleQuoted(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`");
    }

    /** {@code P/share/jupyter/kernels}: where {@code jupyter kernelspec} looks for a prefix P. */
    public static Path prefixKernels(Path prefix) {
        return prefix.toAbsolutePath().normalize().resolve("share/jupyter/kernels");
    }

    /** The user's kernels folder: {@code $JUPYTER_DATA_DIR/kernels}, else the platform's Jupyter data folder. */
    public static Path userKernels() {
        String dataDir = System.getenv("JUPYTER_DATA_DIR");
        if (dataDir != null && !dataDir.isBlank()) {
            return Path.of(dataDir, "kernels");
        }
        Path home = Path.of(System.getProperty("user.home"));
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return home.resolve("Library/Jupyter/kernels");
        }
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return Path.of(appData != null ? appData : home.resolve("AppData/Roaming").toString(), "jupyter", "kernels");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("jupyter/kernels");
    }

    /** {@code sys.prefix/share/jupyter/kernels} of the Python that runs {@code jupyter}. */
    public static Path sysPrefixKernels() throws IOException {
        Path jupyter = onPath("jupyter").orElseThrow(() -> new IOException("--sys-prefix needs `jupyter` on the PATH"));
        String python = "/usr/bin/env python3";
        List<String> first = Files.readAllLines(jupyter.toRealPath(), StandardCharsets.UTF_8).stream().limit(1).toList();
        if (!first.isEmpty() && first.get(0).startsWith("#!")) {
            python = first.get(0).substring(2).strip();
        }
        List<String> command = new ArrayList<>(List.of(python.split("\\s+")));
        command.addAll(List.of("-c", "import sys; print(sys.prefix)"));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                throw new IOException("Cannot ask " + python + " for its sys.prefix: " + out);
            }
            return prefixKernels(Path.of(out.lines().reduce((a, b) -> b).orElseThrow()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while asking " + python + " for its sys.prefix", e);
        }
    }

    /** A command's path on the PATH. */
    public static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Whether Jupyter finds kernels in {@code kernelsDir} without JUPYTER_PATH: the user's folder and the usual system prefixes. */
    public static boolean onDefaultPath(Path kernelsDir) {
        Path dir = kernelsDir.toAbsolutePath().normalize();
        List<Path> known = new ArrayList<>(List.of(userKernels(), Path.of("/usr/local/share/jupyter/kernels"),
                Path.of("/usr/share/jupyter/kernels")));
        String jupyterPath = System.getenv("JUPYTER_PATH");
        if (jupyterPath != null) {
            for (String p : jupyterPath.split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) {
                    known.add(Path.of(p, "kernels"));
                }
            }
        }
        try {
            known.add(sysPrefixKernels());
        } catch (IOException | UncheckedIOException ignored) {
            // no jupyter: nothing more is known
        }
        return known.stream().map(p -> p.toAbsolutePath().normalize()).anyMatch(dir::equals);
    }
}
