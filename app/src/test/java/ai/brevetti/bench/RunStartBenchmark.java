package ai.brevetti.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bin/brevettiai run} of a one-line script ({@code System.out.println(1 + 1);}), from launch until the
 * process has ended, against the JDK's {@code jshell} running the same file in the same rounds. Configurations:
 * the launcher as it is (C1-only JVM options for {@code run}, the class-data archive), without the archive
 * ({@code BREVETTIAI_CDS=off}), and as it was before both (no archive, the JVM's defaults). Peers: {@code jshell
 * --execution local one-line.jsh} (a fresh JVM, JShell and a first compile in-process, as {@code run} does, without
 * the project's class path and startup.jsh) and {@code jshell one-line.jsh} (the tool's default, which starts
 * a second JVM to run snippets), both with standard input closed so they end after the file. Rounds alternate the
 * order (reversed every other round) after one untimed warm-up of each (which also builds a stale jar and makes
 * the archive). Target: ≤ 0.8 s for the launcher as it is.
 * Usage: {@code bin/bench RunStartBenchmark [--rounds R]}.
 */
public final class RunStartBenchmark {
    static final double TARGET_SECONDS = 0.8;

    record Config(String name, List<String> command, Map<String, String> env) {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions(Map.of("rounds", 9L), args);
        int rounds = options.integer("rounds");
        Path root = KernelStartBenchmark.projectRoot();
        Path work = Files.createTempDirectory("run-bench-");
        try {
            Path script = Files.writeString(work.resolve("one-line.jsh"), "System.out.println(1 + 1);\n");
            String launcher = root.resolve("bin/brevettiai").toString();
            String jshell = Path.of(System.getProperty("java.home"), "bin", "jshell").toString();
            Map<String, String> isolated = Map.of("BREVETTIAI_CONFIG_DIR", work.resolve("config").toString(),
                    "BREVETTIAI_PLATFORM_ROOT", work.resolve("platform").toString());
            List<String> run = List.of(launcher, "run", script.toString());
            List<Config> configs = List.of(
                    new Config("bin/brevettiai run (C1 only + archive, default)", run, isolated),
                    new Config("bin/brevettiai run, C1 only, no archive", run, with(isolated, "BREVETTIAI_CDS", "off")),
                    new Config("bin/brevettiai run, JVM defaults, no archive", run,
                            with(with(isolated, "BREVETTIAI_CDS", "off"), "BREVETTIAI_RUN_JAVA_OPTS", "")),
                    new Config("peer: jshell --execution local one-line.jsh", List.of(jshell, "--execution", "local", "-q", script.toString()), Map.of()),
                    new Config("jshell one-line.jsh (remote execution)", List.of(jshell, "-q", script.toString()), Map.of()));
            String peer = configs.get(3).name;
            System.out.printf("RunStartBenchmark: %d rounds after 1 warm-up, %d cores, load average %.2f, Java %s%n", rounds,
                    Runtime.getRuntime().availableProcessors(), KernelStartBenchmark.loadAverage(), Runtime.version());
            for (Config c : configs) {
                time(c);
            }
            Map<String, List<Double>> times = new LinkedHashMap<>();
            for (int r = 0; r < rounds; r++) {
                List<Config> order = new ArrayList<>(configs);
                if (r % 2 == 1) {
                    Collections.reverse(order);
                }
                for (Config c : order) {
                    times.computeIfAbsent(c.name, k -> new ArrayList<>()).add(time(c));
                }
                StringBuilder line = new StringBuilder(String.format("round %d:", r + 1));
                for (Config c : configs) {
                    List<Double> t = times.get(c.name);
                    line.append(String.format("  %.2f", t.get(t.size() - 1)));
                }
                System.out.println(line);
            }
            double peerMedian = KernelStartBenchmark.median(times.get(peer));
            System.out.println();
            System.out.printf("%-56s %10s %12s %8s%n", "one-line script, launch to exit", "median", "min–max", "÷ peer");
            for (Config c : configs) {
                List<Double> t = times.get(c.name);
                double m = KernelStartBenchmark.median(t);
                System.out.printf("%-56s %8.2f s %5.2f–%.2f s %7.2fx%n", c.name, m, Collections.min(t), Collections.max(t), m / peerMedian);
            }
            double ours = KernelStartBenchmark.median(times.get(configs.get(0).name));
            System.out.printf("load average at the end %.2f%n", KernelStartBenchmark.loadAverage());
            System.out.printf("target ≤ %.1f s (bin/brevettiai run, default): %s (%.2f s, %.2fx the peer)%n", TARGET_SECONDS,
                    ours <= TARGET_SECONDS ? "MET" : "missed", ours, ours / peerMedian);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static Map<String, String> with(Map<String, String> env, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>(env);
        out.put(key, value);
        return out;
    }

    /** Seconds from launch until the process ended; it must have printed the line 2 (jshell adds a prompt) and exited with 0. */
    static double time(Config config) {
        try {
            ProcessBuilder pb = new ProcessBuilder(config.command).redirectErrorStream(true);
            pb.environment().putAll(config.env);
            long t0 = System.nanoTime();
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ended = p.waitFor(300, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!ended || p.exitValue() != 0 || out.lines().noneMatch(l -> l.strip().equals("2"))) {
                p.destroyForcibly();
                throw new IllegalStateException(config.name + " failed: " + out);
            }
            return seconds;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
