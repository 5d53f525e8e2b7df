package ai.brevetti.bench;

import ai.brevetti.internal.Json;
import ai.brevetti.kernel.KernelInstaller;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Cold start of the notebook kernel to its first result: {@code start_new_kernel} (jupyter_client, from
 * /usr/bin/python3) until the execute_result of {@code 1+1}, per round, for the kernel's JVM flags
 * ({@link KernelInstaller#DEFAULT_JAVA_OPTS}) and for the JVM's defaults. Peer, timed in the same rounds: the
 * JDK's own {@code jshell --execution local} (also in-process, also a fresh JVM compiling its first snippet)
 * until it prints {@code 1+1}'s value — the same work without the project's class path, startup.jsh and
 * the Jupyter protocol, so the ratio is the kernel's own cost. Configurations: the kernel as installed (its JVM
 * options, bin/brevettiai's class-data archive), without the archive, and with neither. Target: ≤ 1.2 s. The kernel's phases come
 * from its {@code -Dbrevettiai.kernel.timing=true} log.
 * Usage: {@code bin/bench KernelStartBenchmark [--rounds R]} (needs Jupyter: jupyter-client on Debian).
 */
public final class KernelStartBenchmark {
    static final double TARGET_SECONDS = 1.2;
    static final Pattern PHASE = Pattern.compile("brevettiai kernel: (.+) after (\\d+) ms");

    record Config(String name, String javaOpts, Map<String, String> env) {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions(Map.of("rounds", 7L), args);
        int rounds = options.integer("rounds");
        Path root = projectRoot();
        Path prefix = Files.createTempDirectory("kernel-bench-");
        try {
            new KernelInstaller(root).install(KernelInstaller.prefixKernels(prefix));
            Path client = prefix.resolve("kernel_client.py");
            try (InputStream in = KernelStartBenchmark.class.getResourceAsStream("/ai/brevetti/kernel/kernel_client.py")) {
                Files.copy(in, client);
            }
            List<Config> configs = List.of(new Config("kernel, " + KernelInstaller.DEFAULT_JAVA_OPTS + " + archive", KernelInstaller.DEFAULT_JAVA_OPTS, Map.of()),
                    new Config("kernel, same options, no archive", KernelInstaller.DEFAULT_JAVA_OPTS, Map.of("BREVETTIAI_CDS", "off")),
                    new Config("kernel, JVM defaults, no archive", "", Map.of("BREVETTIAI_CDS", "off")));
            System.out.printf("KernelStartBenchmark: %d rounds after 1 warm-up, %d cores, load average %.2f, Java %s%n", rounds,
                    Runtime.getRuntime().availableProcessors(), loadAverage(), Runtime.version());
            // warm-up: builds the jar if stale, fills the page cache
            kernelStart(client, prefix, configs.get(0));
            jshellStart("");

            Map<String, List<Double>> first = new LinkedHashMap<>();
            Map<String, List<Double>> ready = new LinkedHashMap<>();
            Map<String, List<Map<String, Long>>> phases = new LinkedHashMap<>();
            String peer = "peer: jshell --execution local";
            for (int r = 0; r < rounds; r++) {
                List<Runnable> order = new ArrayList<>();
                for (Config c : configs) {
                    order.add(() -> {
                        Run run = kernelStart(client, prefix, c);
                        first.computeIfAbsent(c.name, k -> new ArrayList<>()).add(run.firstResult);
                        ready.computeIfAbsent(c.name, k -> new ArrayList<>()).add(run.ready);
                        phases.computeIfAbsent(c.name, k -> new ArrayList<>()).add(run.phases);
                    });
                }
                order.add(() -> first.computeIfAbsent(peer, k -> new ArrayList<>()).add(jshellStart("")));
                if (r % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                order.forEach(Runnable::run);
                StringBuilder line = new StringBuilder(String.format("round %d:", r + 1));
                first.forEach((name, times) -> line.append(String.format("  %s %.2f s", name, times.get(times.size() - 1))));
                System.out.println(line);
            }
            double peerMedian = median(first.get(peer));
            System.out.println();
            System.out.printf("%-60s %10s %10s %8s%n", "start to first result of 1+1 (median)", "first", "ready", "÷ peer");
            for (Config c : configs) {
                double f = median(first.get(c.name));
                System.out.printf("%-60s %8.2f s %8.2f s %7.2fx%n", c.name, f, median(ready.get(c.name)), f / peerMedian);
            }
            System.out.printf("%-60s %8.2f s %10s %7.2fx%n", peer, peerMedian, "", 1.0);
            for (Config c : configs) {
                System.out.printf("phases (%s), medians: %s%n", c.name, medianPhases(phases.get(c.name)));
            }
            double best = median(first.get(configs.get(0).name));
            System.out.printf("load average at the end %.2f%n", loadAverage());
            System.out.printf("target ≤ %.1f s (kernel, default options and archive): %s (%.2f s, %.2fx the peer)%n", TARGET_SECONDS,
                    best <= TARGET_SECONDS ? "MET" : "missed", best, best / peerMedian);
        } finally {
            try (Stream<Path> files = Files.walk(prefix)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    record Run(double ready, double firstResult, Map<String, Long> phases) {
    }

    /** One cold start through the python driver; the kernel logs its phases on stderr. */
    static Run kernelStart(Path client, Path prefix, Config config) {
        try {
            ProcessBuilder pb = new ProcessBuilder(python(), client.toString(), "start", "1").directory(prefix.toFile());
            pb.environment().put("JUPYTER_PATH", prefix.resolve("share/jupyter").toString());
            pb.environment().put("BREVETTIAI_KERNEL_JAVA_OPTS", config.javaOpts);
            pb.environment().put("BREVETTIAI_JAVA_OPTS", "-Dbrevettiai.kernel.timing=true");
            pb.environment().putAll(config.env);
            Process p = pb.start();
            p.getOutputStream().close();
            var err = new java.util.concurrent.CompletableFuture<String>();
            Thread drain = new Thread(() -> err.complete(read(p.getErrorStream())));
            drain.start();
            String out = read(p.getInputStream());
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("the kernel start failed: " + out + err.join());
            }
            List<String> lines = out.strip().lines().toList();
            @SuppressWarnings("unchecked")
            Map<String, Object> run = (Map<String, Object>) ((List<Object>) Json.parseObject(lines.get(lines.size() - 1)).get("runs")).get(0);
            Map<String, Long> phases = new LinkedHashMap<>();
            Matcher m = PHASE.matcher(err.join());
            while (m.find()) {
                phases.put(m.group(1), Long.parseLong(m.group(2)));
            }
            return new Run(((Number) run.get("ready")).doubleValue(), ((Number) run.get("first_result")).doubleValue(), phases);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JDK's jshell, in-process engine: seconds from launch until it prints the value of 1+1. */
    static double jshellStart(String javaOpts) {
        try {
            Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
            List<String> command = new ArrayList<>(List.of(jshell.toString(), "--execution", "local", "-q"));
            for (String opt : javaOpts.split("\\s+")) {
                if (!opt.isBlank()) {
                    command.add("-J" + opt);
                }
            }
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            OutputStream in = p.getOutputStream();
            in.write("1+1\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            double seconds = -1;
            StringBuilder seen = new StringBuilder();
            int c;
            while ((c = reader.read()) >= 0) {
                seen.append((char) c);
                if (seen.indexOf("==> 2") >= 0) {
                    seconds = (System.nanoTime() - t0) / 1e9;
                    break;
                }
            }
            in.write("/exit\n".getBytes(StandardCharsets.UTF_8));
            in.close();
            reader.transferTo(java.io.Writer.nullWriter());
            p.waitFor(60, TimeUnit.SECONDS);
            if (seconds < 0) {
                throw new IllegalStateException("jshell printed no result: " + seen);
            }
            return seconds;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Long> medianPhases(List<Map<String, Long>> runs) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (runs.isEmpty()) {
            return out;
        }
        for (String phase : runs.get(0).keySet()) {
            out.put(phase + " (ms)", Math.round(median(runs.stream().map(r -> (double) r.getOrDefault(phase, 0L)).toList())));
        }
        return out;
    }

    static double median(List<Double> values) {
        return BenchOptions.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    static Path projectRoot() {
        String root = System.getProperty("brevettiai.root");
        if (root != null) {
            return Path.of(root);
        }
        try {
            // app/target/test-classes -> the first folder up that holds bin/brevettiai
            Path dir = Path.of(KernelStartBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            while (dir != null && !Files.isRegularFile(dir.resolve("bin/brevettiai"))) {
                dir = dir.getParent();
            }
            if (dir == null) {
                throw new IllegalStateException("no bin/brevettiai above the test classes; pass -Dbrevettiai.root=PROJECT");
            }
            return dir;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
