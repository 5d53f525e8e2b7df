package ai.brevetti.cli;

import ai.brevetti.kernel.JupyterKernel;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The work whose classes {@code bin/brevettiai} archives for class-data sharing (docs/benchmarks.md,
 * "RunStartBenchmark"): the launcher runs this once per build and JDK with {@code -XX:ArchiveClassesAtExit},
 * and every later start maps the archived classes instead of loading and verifying them again. It runs a
 * one-line script as {@code brevettiai run} does (JShell, javac, startup.jsh, the job's end), builds the
 * command line's model as every other command does ({@code --version}) and loads the classes of the kernel's jars (the kernel, the Jupyter protocol, ZeroMQ), which a
 * kernel start uses. Nothing is written but a temporary script, removed at the end.
 */
public final class ClassDataTraining {
    private ClassDataTraining() {}

    public static void main(String[] args) throws IOException {
        Path script = Files.createTempFile("brevettiai-cds-", ".jsh");
        int code;
        try {
            Files.writeString(script, "var trainingValue = List.of(1, 2).size() + 1;\ntrainingValue\n");
            code = Main.execute("run", script.toString());
            // a plain run skips picocli (DirectRun); every other command builds its model of the command line
            Main.execute("--version");
        } finally {
            Files.deleteIfExists(script);
        }
        for (Class<?> inJar : kernelClasses()) {
            loadAll(inJar);
        }
        System.exit(code);
    }

    /** One class of each jar a kernel start reads: the kernel's own, the Jupyter protocol's and ZeroMQ's. */
    private static Class<?>[] kernelClasses() {
        return new Class<?>[] {JupyterKernel.class, org.dflib.jjava.jupyter.channels.JupyterConnection.class, org.zeromq.ZMQ.class};
    }

    /** Loads (without initialising) every class of the jar that holds {@code inJar}; one that cannot load is left out. */
    static void loadAll(Class<?> inJar) {
        ClassLoader loader = inJar.getClassLoader();
        Path jar;
        try {
            jar = Path.of(inJar.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return;
        }
        if (!Files.isRegularFile(jar)) {
            return;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class") && !name.contains("-")) {
                    try {
                        Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false, loader);
                    } catch (ClassNotFoundException | LinkageError e) {
                        // an optional dependency missing: the class is simply not archived
                    }
                }
            }
        } catch (IOException e) {
            // not archived; starts still work, loading these classes from the jar
        }
    }
}
