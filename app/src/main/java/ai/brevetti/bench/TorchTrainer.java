package ai.brevetti.bench;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PyTorch peer of {@link TrainingBenchmark}: {@code torch_train_bench.py} (with {@code torch_cnn.py}) under
 * /usr/bin/python3, on the same batches (written once to a float32 file), driven step round by round through its
 * standard input.
 */
final class TorchTrainer implements AutoCloseable {
    private final Process process;
    private final Iterator<String> lines;
    private final PrintStream commands;
    private final Path dir;
    private long parameters;
    private String label = "PyTorch";
    private String settings = "";

    private TorchTrainer(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
        this.lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).lines().iterator();
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** The peer, or empty (with a one-line hint) when torch is not installed or does not start. */
    static Optional<TorchTrainer> start(Path root, List<Batch> batches, int size, int classes, int batch, String waitPolicy,
            PrintStream out) throws IOException, InterruptedException {
        if (!DebianPython.has("torch")) {
            out.println("  (PyTorch: not installed; apt-get install python3-torch to compare)");
            return Optional.empty();
        }
        Path dir = DebianPython.extract(Files.createTempDirectory(Files.createDirectories(root), "torch-train"),
                "torch_cnn.py", "torch_train_bench.py");
        Path data = dir.resolve("batches.f32");
        write(batches, data);
        ProcessBuilder builder = new ProcessBuilder(DebianPython.PYTHON.toString(), dir.resolve("torch_train_bench.py").toString(), data.toString(),
                String.valueOf(size), String.valueOf(classes), String.valueOf(batch), "2").redirectErrorStream(true);
        builder.environment().remove("OMP_WAIT_POLICY");
        if (waitPolicy != null) {
            builder.environment().put("OMP_WAIT_POLICY", waitPolicy);
        }
        TorchTrainer torch = new TorchTrainer(builder.start(), dir);
        StringBuilder said = new StringBuilder();
        while (torch.lines.hasNext()) {
            String line = torch.lines.next();
            if (line.equals("ready")) {
                torch.label = "PyTorch " + torch.ask("version") + (waitPolicy == null ? "" : ", OMP_WAIT_POLICY=" + waitPolicy);
                return Optional.of(torch);
            }
            String[] words = line.split(" ");
            if (words[0].equals("params")) {
                torch.parameters = Long.parseLong(words[1]);
            } else if (words[0].equals("threads")) {
                torch.settings = "torch.set_num_threads(" + words[1] + "), interop " + words[3] + ", Adam(lr 1e-3, eps 1e-7), "
                        + "CrossEntropyLoss on one-hot targets, NCHW, the same batches";
            } else {
                said.append(line).append('\n');
            }
        }
        torch.close();
        out.println("  (PyTorch: the run failed: " + said.toString().strip().replace('\n', ' ') + ")");
        return Optional.empty();
    }

    /** The images (NHWC) of every batch, then their one-hot labels, as little-endian float32. */
    private static void write(List<Batch> batches, Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (String key : List.of("img", "onehot")) {
                for (Batch b : batches) {
                    Tensor t = b.tensor(key);
                    ByteBuffer buffer = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
                    buffer.asFloatBuffer().put(t.data());
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
            }
        }
    }

    private String ask(String what) {
        commands.println(what);
        return lines.hasNext() ? lines.next() : "?";
    }

    /** {@code n} training steps; their times in seconds. */
    double[] run(int n) {
        commands.println("run " + n);
        double[] seconds = new double[n];
        int k = 0;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.equals("done")) {
                if (k != n) {
                    break;
                }
                return seconds;
            }
            if (line.startsWith("step ")) {
                seconds[k++] = Double.parseDouble(line.substring(5));
            }
        }
        throw new IllegalStateException("The PyTorch benchmark stopped after " + k + " of " + n + " steps");
    }

    long parameters() {
        return parameters;
    }

    /** "PyTorch", its version and the OpenMP wait policy when one is set. */
    String label() {
        return label;
    }

    String settings() {
        return settings;
    }

    @Override
    public void close() {
        commands.println("quit");
        commands.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary folder
        }
    }
}
