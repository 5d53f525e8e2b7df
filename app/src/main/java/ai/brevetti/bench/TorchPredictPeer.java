package ai.brevetti.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The PyTorch peer of {@code bench predict}: {@code predict_bench.py} (with {@code torch_cnn.py}, the mirror of
 * {@code Cnn.small()}) extracted to a temporary folder and run by Debian's {@code /usr/bin/python3}, kept
 * running between rounds and asked for one round at a time on its standard input, so its rounds interleave with
 * ours. Closing it ends the process and deletes the scripts.
 */
final class TorchPredictPeer implements AutoCloseable {
    private static final List<String> SCRIPTS = List.of("predict_bench.py", "torch_cnn.py");

    private final Path dir;
    private final Process process;
    private final BufferedReader lines;
    private final Writer commands;
    private final long parameters;
    private final List<String> log = new ArrayList<>();
    private long peakKilobytes;

    private TorchPredictPeer(Path dir, Process process) throws IOException {
        this.dir = dir;
        this.process = process;
        this.lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        long params = -1;
        for (String line = readLine(); !line.equals("ready"); line = readLine()) {
            if (line.startsWith("params ")) {
                params = Long.parseLong(line.substring("params ".length()).trim());
            }
        }
        this.parameters = params;
    }

    /** Whether {@code /usr/bin/python3} has torch and torchvision. */
    static boolean installed() throws IOException, InterruptedException {
        return DebianPython.has("torch", "torchvision");
    }

    /**
     * Starts the peer on the image folder (when {@link #installed()}); with {@code passiveWait}, its OpenMP threads
     * sleep instead of spinning while they wait ({@code OMP_WAIT_POLICY=PASSIVE}), which a busy machine needs.
     */
    static TorchPredictPeer start(Path folder, int batch, int size, int threads, int workers, long seed, boolean passiveWait)
            throws IOException {
        Path dir = DebianPython.extract(Files.createTempDirectory("predict_bench"), SCRIPTS.toArray(String[]::new));
        ProcessBuilder builder = new ProcessBuilder(DebianPython.PYTHON.toString(), dir.resolve("predict_bench.py").toString(), folder.toString(),
                String.valueOf(batch), String.valueOf(size), String.valueOf(threads), String.valueOf(workers), String.valueOf(seed))
                .directory(dir.toFile()).redirectErrorStream(true);
        if (passiveWait) {
            builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        } else {
            builder.environment().remove("OMP_WAIT_POLICY");
        }
        Process process = builder.start();
        try {
            return new TorchPredictPeer(dir, process);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            deleteAll(dir);
            throw e;
        }
    }

    /** The network's parameter count as PyTorch counts it. */
    long parameters() {
        return parameters;
    }

    /**
     * Runs one round of {@code command} ({@code model} or {@code e2e}); its CPU seconds are the peer's process's and
     * its finished children's (the DataLoader's workers).
     */
    PredictBenchmark.Round round(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
        for (String line = readLine(); ; line = readLine()) {
            String[] parts = line.split(" ");
            if (parts[0].equals(command) && parts.length == 4) {
                return new PredictBenchmark.Round(Double.parseDouble(parts[1]), Integer.parseInt(parts[2]), Double.parseDouble(parts[3]));
            }
            if (parts[0].equals("error")) {
                throw new IllegalStateException("The PyTorch peer: " + line);
            }
        }
    }

    /** The peak memory of the peer's process and its children (after {@link #close}). */
    long peakKilobytes() {
        return peakKilobytes;
    }

    /** The next line of the script's output (its warnings are kept for the error message). */
    private String readLine() throws IOException {
        String line = lines.readLine();
        if (line == null) {
            throw new IOException("The PyTorch peer stopped (exit " + waitForExit() + "); its last lines:\n  "
                    + String.join("\n  ", log.subList(Math.max(0, log.size() - 15), log.size())));
        }
        log.add(line);
        return line;
    }

    private int waitForExit() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                commands.write("quit\n");
                commands.flush();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("peak_kb ")) {
                        peakKilobytes = Long.parseLong(line.substring("peak_kb ".length()).trim());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone already
        } finally {
            if (process.isAlive() && !waitFor(process)) {
                process.destroyForcibly();
            }
            deleteAll(dir);
        }
    }

    private static boolean waitFor(Process process) {
        try {
            return process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void deleteAll(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind
        }
    }
}
