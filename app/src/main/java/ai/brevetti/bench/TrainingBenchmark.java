package ai.brevetti.bench;

import static ai.brevetti.dsl.Brevetti.augmenter;
import static ai.brevetti.dsl.Brevetti.buildImageDataGenerator;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.OneHotEncoder;
import ai.brevetti.data.image.augmentation.ImageAugmenter;
import ai.brevetti.data.image.augmentation.RandomTransformer;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.platform.Dataset;
import ai.brevetti.training.Cnn;
import ai.brevetti.training.GraphModel;
import ai.brevetti.training.History;
import ai.brevetti.training.Optimizer;
import ai.brevetti.training.Trainer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/brevettiai bench training}: the training step of the demo's network against PyTorch, and the
 * trainer fed by the image pipeline.
 *
 * <p>(1) Training steps on the same pre-decoded batches (the {@code bench pipeline} BMP images, 224×224 in
 * 3 classes, resized to 64×64, imagenet rescale; decoded once, before timing, so this measures the trainers,
 * not the decoders): this project's {@link GraphModel} of {@link Cnn#small()} with Adam 1e-3 (one
 * {@code train} call, as {@link Trainer} makes per batch: the copy into TensorFlow, forward, loss, gradients,
 * update, the loss and hits back) against PyTorch's same network ({@code torch_cnn.py}), Adam 1e-3
 * (ε 1e-7 as Keras), mean softmax cross-entropy, {@code torch.set_num_threads(2)}, one inter-op thread, when
 * Debian's python3-torch is installed; twice, with OpenMP's default wait policy and with
 * {@code OMP_WAIT_POLICY=PASSIVE} (on a loaded machine the default's spinning can slow PyTorch several times),
 * the faster of the two counting. The PyTorch processes stay up and are driven round by round, so all run
 * interleaved (never at the same time), the order rotating; images/s = batch / the median step time after
 * the warm-up steps, and the ratio is the median of the per-round ratios.
 *
 * <p>(2) {@link Trainer#fit} fed by the image pipeline (JPEG and BMP, exact decode, resize, the demo's
 * light augmentation, one-hot, on the generator's worker threads ahead of the steps): the data wait of every
 * epoch ({@link History.Epoch#dataWait}) and the images/s of the whole epoch, after a first epoch that builds
 * the graph; with the generator's default prefetch window (sized by memory: 16 of these batches) and with
 * twice the workers (the former default).
 */
public final class TrainingBenchmark {
    static final int SIZE = 64;
    /** Pre-decoded batches the steps of (1) cycle through. */
    private static final int BATCHES = 16;
    private static final double WAIT_TARGET = 0.05;
    /** The shallow prefetch window (2) also runs with, against the default: twice the workers, the former default. */
    static final int SHALLOW_PREFETCH = 2 * Runtime.getRuntime().availableProcessors();

    private final Path root;
    private final int rounds;
    private final int steps;
    private final int batch;
    private final int warmup;
    private final boolean peers;
    private final PrintStream out;

    /**
     * @param rounds timed rounds of (1), and timed epochs of (2)
     * @param steps  training steps per round and side in (1), and per epoch in (2)
     * @param warmup warm-up steps of each side before the rounds of (1)
     * @param peers  PyTorch too (otherwise this project's trainer alone)
     */
    public TrainingBenchmark(Path root, int rounds, int steps, int batch, int warmup, boolean peers, PrintStream out) {
        if (rounds <= 0 || steps <= 0 || batch <= 0 || warmup < 0) {
            throw new IllegalArgumentException("bench training needs positive rounds, steps and batch, and no negative warm-up; got rounds "
                    + rounds + ", steps " + steps + ", batch " + batch + ", warm-up " + warmup);
        }
        this.root = root;
        this.rounds = rounds;
        this.steps = steps;
        this.batch = batch;
        this.warmup = warmup;
        this.peers = peers;
        this.out = out;
    }

    public void run() throws Exception {
        PipelineBenchmark images = new PipelineBenchmark(root, 0, 0, false, out);
        Path bmp = images.ensureImages(root.resolve("bmp"), "bmp");
        Path jpeg = images.ensureImages(root.resolve("jpeg"), "jpeg");
        out.printf(Locale.ROOT, "bench training: Cnn.small() on %dx%dx3, batch %d, Adam 1e-3; %d timed rounds of %d steps after %d warm-up steps; "
                + "%d cores, load average %s%n", SIZE, SIZE, batch, rounds, steps, warmup, Runtime.getRuntime().availableProcessors(),
                BenchResult.loadAverage());
        double predecoded = steps(bmp);
        for (Path folder : List.of(jpeg, bmp)) {
            for (int prefetch : new int[] {0, SHALLOW_PREFETCH}) {
                fed(folder, folder.getFileName().toString().toUpperCase(Locale.ROOT), prefetch, predecoded);
            }
        }
        out.printf(Locale.ROOT, "%nload average %s%n", BenchResult.loadAverage());
    }

    // ---- (1) training steps against PyTorch

    /** A side of (1): runs {@code n} training steps and returns their times in seconds. */
    private interface Side {
        double[] run(int n);
    }

    /** Part (1); returns this trainer's images/s. */
    private double steps(Path folder) throws Exception {
        List<Batch> batches = predecoded(folder);
        int classes = batches.get(0).tensor("onehot").dim(1);
        out.printf(Locale.ROOT, "%nTraining steps on the same %d pre-decoded batches (load average %s)%n", batches.size(),
                BenchResult.loadAverage());
        List<TorchTrainer> torches = new ArrayList<>();
        try (GraphModel model = new GraphModel(Cnn.small(), SIZE, SIZE, 3, classes, Optimizer.adam(1e-3), 1)) {
            if (peers) {
                // OpenMP's default wait policy spins between parallel regions, which on a loaded machine (threads descheduled
                // mid-barrier) can make PyTorch several times slower; the passive policy sleeps instead. Both run: the faster counts.
                for (String policy : new String[] {null, "PASSIVE"}) {
                    TorchTrainer.start(root, batches, SIZE, classes, batch, policy, out).ifPresent(torches::add);
                    if (torches.isEmpty()) {
                        break;
                    }
                }
            }
            String counts = torches.isEmpty() ? "" : String.format(Locale.ROOT, ", PyTorch %,d (%s)", torches.get(0).parameters(),
                    torches.get(0).parameters() == model.parameterCount() ? "the same" : "DIFFERENT: the networks do not match");
            out.printf(Locale.ROOT, "  parameters: brevettiai %,d%s%n", model.parameterCount(), counts);
            int[] next = {0};
            List<Side> sides = new ArrayList<>();
            sides.add(n -> {
                double[] seconds = new double[n];
                for (int s = 0; s < n; s++) {
                    Batch b = batches.get(next[0]++ % batches.size());
                    long t0 = System.nanoTime();
                    model.train(b.tensor("img"), b.tensor("onehot"));
                    seconds[s] = (System.nanoTime() - t0) / 1e9;
                }
                return seconds;
            });
            torches.forEach(t -> sides.add(t::run));
            sides.forEach(side -> side.run(warmup));
            int k = sides.size();
            double[][][] times = new double[k][rounds][];
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < k; i++) {
                    int side = (i + r) % k;
                    times[side][r] = sides.get(side).run(steps);
                }
            }
            double ours = batch / BenchResult.median(flatten(times[0]));
            out.printf(Locale.ROOT, "  %-40s %6.0f img/s  median step %5.1f ms; per round %s%n", "brevettiai GraphModel.train", ours,
                    1000 * batch / ours, perRound(times[0]));
            out.printf(Locale.ROOT, "  %-40s %s%n", "", "TF-Java graph, " + model);
            if (!torches.isEmpty()) {
                for (int t = 0; t < torches.size(); t++) {
                    TorchTrainer torch = torches.get(t);
                    double theirs = batch / BenchResult.median(flatten(times[t + 1]));
                    out.printf(Locale.ROOT, "  %-40s %6.0f img/s  median step %5.1f ms; per round %s%n", torch.label(), theirs,
                            1000 * batch / theirs, perRound(times[t + 1]));
                }
                out.printf(Locale.ROOT, "  %-40s %s%n", "", torches.get(0).settings());
                double[] ratios = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    double fastest = Double.MAX_VALUE;
                    for (int t = 1; t < k; t++) {
                        fastest = Math.min(fastest, BenchResult.median(times[t][r]));
                    }
                    ratios[r] = fastest / BenchResult.median(times[0][r]);
                }
                double ratio = BenchResult.median(ratios);
                out.printf(Locale.ROOT, "  brevettiai/PyTorch = %.2fx against the faster PyTorch of each round (median of the per-round ratios; "
                        + "target >= 1.0x: %s)%n", ratio, ratio >= 1.0 ? "met" : "MISSED");
            }
            return ours;
        } finally {
            torches.forEach(TorchTrainer::close);
        }
    }

    /** The first {@value #BATCHES} batches of the bench images, resized and one-hot, no augmentation. */
    private List<Batch> predecoded(Path folder) {
        Samples samples = Dataset.of("bench", folder.toString()).samples();
        DataGenerator generator = new DataGenerator(samples).batchSize(batch).shuffle(true).seed(1)
                .map(PipelineBenchmark.imagePipeline(false)).map(OneHotEncoder.fromSamples()).maxEpochSamples((long) BATCHES * batch);
        List<Batch> batches = new ArrayList<>();
        generator.forEach(batches::add);
        return batches;
    }

    private static double[] flatten(double[][] rounds) {
        return java.util.Arrays.stream(rounds).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private String perRound(double[][] seconds) {
        List<String> rates = new ArrayList<>();
        for (double[] round : seconds) {
            rates.add(String.format(Locale.ROOT, "%.0f", batch / BenchResult.median(round)));
        }
        return String.join(", ", rates) + " img/s";
    }

    // ---- (2) the trainer fed by the image pipeline

    /** The demo's light augmentation (examples/image_classifier.jsh): left-right flips, small rotations. */
    static ImageAugmenter lightAugmentation() {
        return augmenter().randomTransformer(new RandomTransformer().flipUpDown(false).rotate(10)).imageFilter(null);
    }

    /** Part (2) on the images of {@code folder}, with a prefetch window of {@code prefetch} batches (0: the default). */
    private void fed(Path folder, String format, int prefetch, double predecoded) {
        Samples samples = Dataset.of("bench", folder.toString()).samples();
        DataGenerator train = buildImageDataGenerator(samples, null, PipelineBenchmark.imagePipeline(false), lightAugmentation(), 1)
                .batchSize(batch).shuffle(true).maxEpochSamples((long) steps * batch);
        int workers = Runtime.getRuntime().availableProcessors();
        String window = prefetch > 0 ? "prefetch(" + prefetch + "), twice the workers" : "the default prefetch window, sized by memory";
        if (prefetch > 0) {
            train = train.prefetch(prefetch);
        }
        History history;
        try (Trainer trainer = new Trainer(Cnn.small()).optimizer(Optimizer.adam(1e-3)).seed(1).console(null)) {
            history = trainer.fit(train, null, rounds + 1);
        }
        List<History.Epoch> timed = history.epochs().subList(1, history.size());
        double[] waits = timed.stream().mapToDouble(History.Epoch::dataWait).toArray();
        double[] rates = timed.stream().mapToDouble(e -> steps * batch / e.seconds()).toArray();
        double wait = BenchResult.median(waits);
        double rate = BenchResult.median(rates);
        out.printf(Locale.ROOT, "%nTrainer.fit fed by the image pipeline, %s (224x224 decoded, resized to 64, light augmentation; %d generator workers, "
                + "%s; load average %s)%n", format, workers, window, BenchResult.loadAverage());
        out.printf(Locale.ROOT, "  data wait %.1f %% of step time (per epoch %s; first epoch, with the graph build, %.1f %%; target < %.0f %%: %s)%n",
                100 * wait, percents(waits), 100 * history.epochs().get(0).dataWait(), 100 * WAIT_TARGET, wait < WAIT_TARGET ? "met" : "MISSED");
        out.printf(Locale.ROOT, "  %.0f img/s over whole epochs (per epoch %s) = %.2fx the pre-decoded steps%n", rate,
                String.join(", ", java.util.Arrays.stream(rates).mapToObj(r -> String.format(Locale.ROOT, "%.0f", r)).toList()),
                rate / predecoded);
    }

    private static String percents(double[] shares) {
        return String.join(", ", java.util.Arrays.stream(shares).mapToObj(w -> String.format(Locale.ROOT, "%.1f %%", 100 * w)).toList());
    }
}
