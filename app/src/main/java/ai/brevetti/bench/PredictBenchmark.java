package ai.brevetti.bench;

import static ai.brevetti.dsl.Brevetti.buildImageDataGenerator;
import static ai.brevetti.dsl.Brevetti.imagePipeline;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.image.ImagePipeline;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.demo.DemoData;
import ai.brevetti.platform.Dataset;
import ai.brevetti.training.Cnn;
import ai.brevetti.training.GraphModel;
import ai.brevetti.training.Optimizer;
import ai.brevetti.training.Predictions;
import ai.brevetti.training.Predictor;
import ai.brevetti.training.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code bin/brevettiai bench predict}: images per second of prediction as a test report does it
 * ({@link Predictor}: the exported SavedModel through DJL on TensorFlow) next to PyTorch inference of the same
 * network ({@code torch_cnn.py}, a mirror of {@code Cnn.small()}: eval mode, {@code inference_mode},
 * {@code torch.set_num_threads(2)}), on the demo's vials (96×96 BMP, predicted at 64×64), same batch size,
 * in one run. Two measures: (a) the model alone on batches decoded beforehand ({@code Predictor.predict(Tensor)}
 * against the forward pass and softmax) and (b) end to end from the image files ({@code Predictor.predict(samples,
 * imagePipeline(64, 64))}, the test report's call, against torchvision {@code ImageFolder} + {@code DataLoader}
 * with 2 workers and the forward pass). The model is trained for one epoch the demo's way (seeded) and exported as
 * a SavedModel, so the Java side predicts exactly as a report would. Our rounds and PyTorch's (a process kept
 * running, one round per request) interleave, the order rotating every round, so a load that comes and goes hits
 * both; the ratios are the medians of the per-round ratios. The target: ours ≥ 1.0× PyTorch, both measures. For
 * comparison, the trained model's own TF-Java session predicts the pre-decoded batches too (what DJL costs).
 */
public final class PredictBenchmark {
    /** The demo's image size for the model (the vials are drawn at {@value #PIXELS}). */
    static final int SIZE = 64;
    static final int PIXELS = 96;
    static final long SEED = 1;
    static final int THREADS = 2;
    static final int LOADER_WORKERS = 2;
    static final double TARGET = 1.0;
    private static final double JIT_SETTLED = 0.05;
    private static final int MAX_WARMUP = 10;

    static final String OURS_MODEL = "ours: Predictor.predict(Tensor)";
    static final String TORCH_MODEL = "PyTorch: forward + softmax";
    static final String OURS_FILES = "ours: Predictor.predict(samples, pipeline)";
    static final String TORCH_FILES = "PyTorch: ImageFolder+DataLoader+forward";
    static final String OURS_SESSION = "ours without DJL: GraphModel.predict";
    static final String PASSIVE = "PyTorch, OMP passive: ";
    static final String TORCH_MODEL_PASSIVE = PASSIVE + "forward + softmax";
    static final String TORCH_FILES_PASSIVE = PASSIVE + "DataLoader+forward";

    private final Path root;
    private final int count;
    private final int batch;
    private final int rounds;
    private final int warmup;
    private final boolean peers;
    private final PrintStream out;

    /**
     * @param root where the images and the model are kept
     * @param count images to predict (rounded up to a multiple of 6: 3 classes × 2 views of each vial)
     * @param batch images per batch, on both sides
     * @param rounds timed rounds (one of each of the four measures)
     * @param warmup warm-up rounds before them; negative: until the JIT compilers take under 5 % of a round (at most 10)
     * @param peers PyTorch too (otherwise ours alone)
     */
    public PredictBenchmark(Path root, int count, int batch, int rounds, int warmup, boolean peers, PrintStream out) {
        if (count <= 0 || batch <= 0 || rounds <= 0) {
            throw new IllegalArgumentException("bench predict needs a positive image count, batch size and round count, not --count "
                    + count + " --batch " + batch + " --epochs " + rounds);
        }
        this.root = root;
        this.count = count;
        this.batch = batch;
        this.rounds = rounds;
        this.warmup = warmup;
        this.peers = peers;
        this.out = out;
    }

    /** One round of a measure: wall seconds, images predicted, CPU seconds (of the process that predicted them). */
    record Round(double seconds, int images, double cpuSeconds) {
        double rate() {
            return images / seconds;
        }

        double cpuRate() {
            return images / cpuSeconds;
        }
    }

    /** One round of a measure. */
    private interface Measure {
        Round run() throws IOException;
    }

    /** Predicts some images in this JVM; returns how many. */
    private interface Work {
        int run();
    }

    private record Variant(String name, String note, Measure measure) {}


    public void run() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        DemoData data = DemoData.builder().size(PIXELS).items((count + 5) / 6).views(2).seed(11);
        Path folder = ensureImages(data);
        Samples samples = Dataset.of("bench", folder.toString()).samples();
        out.printf(Locale.ROOT, "bench predict: %d demo vials (%dx%d BMP, 3 classes) predicted at %dx%d, batch %d, Cnn.small(); %d timed rounds "
                + "after %s; %d cores, load average %s%n", samples.size(), PIXELS, PIXELS, SIZE, SIZE, batch, rounds,
                warmup >= 0 ? warmup + " warm-up rounds" : "warm-up rounds until the JIT settles", cores, BenchResult.loadAverage());
        ImagePipeline pipeline = imagePipeline(SIZE, SIZE);
        try (Trainer trainer = train(samples, pipeline); Predictor predictor = Predictor.load(export(trainer))) {
            GraphModel graph = trainer.model();
            long parameters = graph.parameterCount();
            busyWarning(cores);
            List<Tensor> decoded = decode(samples, pipeline);
            out.println("  " + check(predictor, decoded, predict(predictor, samples, pipeline)));
            List<Variant> variants = new ArrayList<>();
            variants.add(new Variant(OURS_MODEL, "the exported SavedModel through DJL on TensorFlow, batches decoded beforehand",
                    timed(() -> modelOnly(predictor, decoded))));
            variants.add(new Variant(OURS_FILES, "imagePipeline(64, 64) as the test report does: decode, resize antialias, rescale "
                    + "in the generator's workers (all cores), then the model", timed(() -> endToEnd(predictor, samples, pipeline))));
            variants.add(new Variant(OURS_SESSION, "for comparison: the trained model's own TF-Java session (one copy in, one out), "
                    + "batches decoded beforehand", timed(() -> sessionOnly(graph, decoded))));
            List<TorchPredictPeer> torch = new ArrayList<>();
            try {
                if (peers && TorchPredictPeer.installed()) {
                    torch.add(TorchPredictPeer.start(folder, batch, SIZE, THREADS, LOADER_WORKERS, SEED, false));
                    torch.add(TorchPredictPeer.start(folder, batch, SIZE, THREADS, LOADER_WORKERS, SEED, true));
                } else if (peers) {
                    out.println("  (PyTorch: not installed for " + DebianPython.PYTHON
                            + "; apt-get install python3-torch python3-torchvision to compare)");
                }
                out.printf(Locale.ROOT, "  parameters: ours %,d (GraphModel of Cnn.small())%s%n", parameters,
                        torch.stream().findFirst().map(t -> String.format(Locale.ROOT, ", PyTorch %,d (torch_cnn.build_cnn)%s", t.parameters(),
                                t.parameters() == parameters ? "" : ": NOT THE SAME NETWORK")).orElse(""));
                if (!torch.isEmpty()) {
                    TorchPredictPeer spinning = torch.get(0);
                    TorchPredictPeer passive = torch.get(1);
                    variants.add(1, new Variant(TORCH_MODEL, "eval mode, inference_mode, " + THREADS + " threads, NCHW batches decoded beforehand",
                            () -> spinning.round("model")));
                    variants.add(2, new Variant(TORCH_MODEL_PASSIVE, "the same with OMP_WAIT_POLICY=PASSIVE (waiting threads sleep, "
                            + "not spin: what a busy machine needs)", () -> passive.round("model")));
                    variants.add(4, new Variant(TORCH_FILES, "Resize antialias + ToTensor + Normalize, " + LOADER_WORKERS
                            + " workers, then the model as above", () -> spinning.round("e2e")));
                    variants.add(5, new Variant(TORCH_FILES_PASSIVE, "the same with OMP_WAIT_POLICY=PASSIVE", () -> passive.round("e2e")));
                }
                new PredictTargets(measure(variants)).print(out);
            } finally {
                torch.forEach(TorchPredictPeer::close);
            }
            if (!torch.isEmpty()) {
                out.printf(Locale.ROOT, "peak memory: this JVM (VmHWM) %d MB, PyTorch's processes %d and %d MB%n",
                        PipelineBenchmark.peakKilobytes() / 1024, torch.get(0).peakKilobytes() / 1024, torch.get(1).peakKilobytes() / 1024);
            }
        }
        out.printf(Locale.ROOT, "load average %s%n", BenchResult.loadAverage());
        busyWarning(cores);
    }

    /**
     * A warning when the load average is above the core count: PyTorch's OpenMP threads spin-wait by default, so on
     * oversubscribed cores its rounds lose far more than ours (measured here: 4× slower at a load of 13 on 2 cores, with
     * 3× the CPU time per image), which is why PyTorch also runs with {@code OMP_WAIT_POLICY=PASSIVE} and the target
     * takes the faster of the two.
     */
    private void busyWarning(int cores) {
        double load = oneMinuteLoad();
        if (peers && load > cores) {
            out.printf(Locale.ROOT, "  NOTE: the machine is busy (load average %.1f on %d cores): PyTorch's OpenMP threads spin-wait on oversubscribed "
                    + "cores unless OMP_WAIT_POLICY=PASSIVE, and every side loses to the other builds; compare on a quiet machine%n", load, cores);
        }
    }

    private static double oneMinuteLoad() {
        try {
            return Double.parseDouble(BenchResult.loadAverage().split(" ")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Path ensureImages(DemoData data) throws IOException {
        Path folder = root.resolve("predict-vials-" + data.count());
        if (Files.isDirectory(folder) && countFiles(folder) == data.count()) {
            return folder;
        }
        deleteAll(folder);
        return data.write(folder);
    }

    /** Trains {@code Cnn.small()} for one epoch on the images the demo's way (seeded) and exports it as a SavedModel. */
    private static Trainer train(Samples samples, ImagePipeline pipeline) {
        DataGenerator train = buildImageDataGenerator(samples, null, pipeline, null, SEED).batchSize(16).shuffle(true);
        Trainer trainer = new Trainer(Cnn.small()).optimizer(Optimizer.adam(1e-3)).seed(SEED).console(null);
        try {
            trainer.fit(train, null, 1);
            return trainer;
        } catch (RuntimeException e) {
            trainer.close();
            throw e;
        }
    }

    /** Exports the trained model as the demo does ({@code trainer.export}), into a fresh folder. */
    private Path export(Trainer trainer) throws IOException {
        Path dir = root.resolve("predict-model");
        deleteAll(dir);
        return trainer.export(dir);
    }

    /** The images as the test report's generator gives them, batch by batch. */
    private List<Tensor> decode(Samples samples, ImagePipeline pipeline) {
        List<Tensor> batches = new ArrayList<>();
        for (Batch b : generator(samples, pipeline)) {
            batches.add(b.tensor(pipeline.outputKey()));
        }
        return batches;
    }

    /** What {@code Predictor.predict(samples, pipeline)} iterates, in batches of {@link #batch}. */
    private DataGenerator generator(Samples samples, ImagePipeline pipeline) {
        return new DataGenerator(samples).batchSize(batch).seed(0).map(pipeline);
    }

    private static int modelOnly(Predictor predictor, List<Tensor> decoded) {
        int n = 0;
        for (Tensor images : decoded) {
            n += predictor.predict(images).dim(0);
        }
        return n;
    }

    private static int sessionOnly(GraphModel graph, List<Tensor> decoded) {
        int n = 0;
        for (Tensor images : decoded) {
            n += graph.predict(images).dim(0);
        }
        return n;
    }

    private int endToEnd(Predictor predictor, Samples samples, ImagePipeline pipeline) {
        return predict(predictor, samples, pipeline).size();
    }

    /** The test report's call ({@code predictor.predict(samples, pipeline)}), in batches of {@link #batch}. */
    private Predictions predict(Predictor predictor, Samples samples, ImagePipeline pipeline) {
        return batch == Predictor.BATCH_SIZE ? predictor.predict(samples, pipeline)
                : predictor.predict(generator(samples, pipeline), pipeline.outputKey());
    }

    /**
     * Whether the two measures of ours predict the same: the end-to-end predictions' probabilities against the
     * model-only pass over the batches decoded beforehand, value by value; and the accuracy.
     */
    static String check(Predictor predictor, List<Tensor> decoded, Predictions predictions) {
        List<String> classes = predictor.classes();
        int row = 0;
        int differ = 0;
        for (Tensor images : decoded) {
            Tensor p = predictor.predict(images);
            for (int i = 0; i < p.dim(0); i++, row++) {
                float[] expected = p.slice(i).data();
                for (int k = 0; k < classes.size(); k++) {
                    if ((float) predictions.probability(row, classes.get(k)) != expected[k]) {
                        differ++;
                        break;
                    }
                }
            }
        }
        boolean same = differ == 0 && row == predictions.size();
        return String.format(Locale.ROOT, "check: the end-to-end predictions of the %d images %s; accuracy %.3f after one epoch of training",
                predictions.size(), same ? "equal the model-only pass's, bit for bit"
                        : "DIFFER from the model-only pass's (" + differ + " rows, " + row + " images there)",
                predictions.accuracy().orElse(Double.NaN));
    }

    /** Warm-up rounds, then the timed ones, every variant once per round, the order rotating. */
    private List<BenchResult> measure(List<Variant> variants) throws IOException {
        int n = variants.size();
        int warmups = warmUp(variants);
        out.printf(Locale.ROOT, "  %d warm-up rounds%n", warmups);
        double[][] wall = new double[n][rounds];
        double[][] cpu = new double[n][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < n; k++) {
                int v = (k + round) % n;
                Round r = variants.get(v).measure().run();
                wall[v][round] = r.rate();
                cpu[v][round] = r.cpuRate();
            }
        }
        List<BenchResult> results = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            results.add(new BenchResult(variants.get(v).name(), wall[v], cpu[v], variants.get(v).note()));
        }
        return results;
    }

    /**
     * Runs warm-up rounds: {@code warmup} of them, or when it is negative, until a round spends less than 5 % of its
     * time in the JIT compilers, at most 10. Returns how many ran.
     */
    private int warmUp(List<Variant> variants) throws IOException {
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        int done = 0;
        while (warmup < 0 ? done < MAX_WARMUP : done < warmup) {
            long t0 = System.nanoTime();
            long compiled = jit.getTotalCompilationTime();
            for (Variant v : variants) {
                v.measure().run();
            }
            done++;
            if (warmup < 0 && (jit.getTotalCompilationTime() - compiled) / ((System.nanoTime() - t0) / 1e6) < JIT_SETTLED) {
                break;
            }
        }
        return done;
    }

    /** {@code work} timed by the wall clock and this process's CPU time (all its threads, TensorFlow's among them). */
    private static Measure timed(Work work) {
        return () -> {
            long t0 = System.nanoTime();
            long c0 = processCpuNanos();
            int images = work.run();
            return new Round((System.nanoTime() - t0) / 1e9, images, (processCpuNanos() - c0) / 1e9);
        };
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static int countFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return (int) files.filter(Files::isRegularFile).count();
        }
    }

    private static void deleteAll(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
