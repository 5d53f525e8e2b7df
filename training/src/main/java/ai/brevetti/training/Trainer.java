package ai.brevetti.training;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.BatchStep;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.OneHotEncoder;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.samples.NamedValues;
import ai.brevetti.internal.Progress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a {@link Cnn} image classifier on batches from {@link DataGenerator}s (NHWC float images under
 * {@code img}, one-hot labels under {@code onehot}), epoch by epoch, and exports it:
 *
 * <pre>{@code
 * try (Trainer trainer = new Trainer(Cnn.small()).optimizer(Optimizer.adam(1e-3)).seed(1).listener(monitor)) {
 *     History history = trainer.fit(train, devel, 20);    // one console line per epoch
 *     trainer.export(Path.of("model"));                   // a SavedModel, see SavedModelExport
 * }
 * }</pre>
 *
 * Every epoch takes {@code train.length()} batches (the generator's epochs follow each other, so a shuffling
 * generator reshuffles and an augmenting one draws new augmentations), then evaluates one pass of
 * {@code devel} (if given), prints a line, records the metrics in the {@link History} and calls the
 * {@link EpochListener}s. The generator makes its batches on its own threads, ahead of the steps; the epoch
 * line and {@link History.Epoch#dataWait} tell which share of the steps' time still went into waiting for
 * the next batch ("data wait 1.2 %"). While an epoch runs, its batches show as a progress line with the running loss and
 * accuracy (in a notebook cell or on a terminal; README "Progress"). The model is built at the first batch, for its image size and class count; the
 * class names come from the {@link OneHotEncoder} mapped onto the training generator (or {@link #classes}).
 * A second {@code fit} continues training the same model.
 *
 * <p><b>Determinism.</b> The weights start from the seed, the generators are seeded, and the
 * optimizer's updates wait for all gradients; on CPU the same seeds give the same losses and weights (see
 * docs/training.md). Configure the trainer before the first {@code fit}; close it to free the model.
 */
public final class Trainer implements AutoCloseable {
    private final Cnn cnn;
    private Optimizer optimizer = Optimizer.adam(1e-3);
    private long seed = 1;
    private String imageKey = "img";
    private String labelKey = "onehot";
    private List<String> classes;
    private final List<EpochListener> listeners = new ArrayList<>();
    private PrintStream console = System.out;
    private GraphModel model;
    private final History history = new History();

    public Trainer(Cnn cnn) {
        this.cnn = Objects.requireNonNull(cnn, "cnn");
    }

    /** The optimizer (default: Adam, learning rate 1e-3). */
    public Trainer optimizer(Optimizer optimizer) {
        notBuilt();
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        return this;
    }

    /** The seed of the initial weights (default 1). */
    public Trainer seed(long seed) {
        notBuilt();
        this.seed = seed;
        return this;
    }

    /** The batch columns of the images and the one-hot labels (default {@code img}, {@code onehot}). */
    public Trainer keys(String imageKey, String labelKey) {
        notBuilt();
        this.imageKey = Objects.requireNonNull(imageKey);
        this.labelKey = Objects.requireNonNull(labelKey);
        return this;
    }

    /** The class names in one-hot order, when the training generator has no {@link OneHotEncoder} to tell. */
    public Trainer classes(List<String> classes) {
        notBuilt();
        this.classes = List.copyOf(classes);
        return this;
    }

    /** Adds a listener called after every epoch. */
    public Trainer listener(EpochListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Where the epoch lines go (default {@code System.out}; null: nowhere). */
    public Trainer console(PrintStream console) {
        this.console = console;
        return this;
    }

    private void notBuilt() {
        if (model != null) {
            throw new IllegalStateException("The model is built (fit has run): configure the trainer before the first fit");
        }
    }

    /**
     * Trains for {@code epochs} epochs of {@code train}, evaluating {@code devel} (null: none) after each.
     * Returns the history of every epoch this trainer ran.
     */
    public History fit(DataGenerator train, DataGenerator devel, int epochs) {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, not " + epochs);
        }
        int steps = train.length();
        if (steps == 0) {
            throw new IllegalArgumentException("The training generator has no samples");
        }
        Iterator<Batch> batches = train.repeat(epochs).iterator();
        int first = history.size();
        for (int e = 0; e < epochs; e++) {
            long start = System.nanoTime();
            Mean training = new Mean();
            long waited = 0;
            try (Progress progress = Progress.start(String.format(Locale.ROOT, "Epoch %d/%d", first + e + 1, first + epochs), steps)) {
                for (int s = 0; s < steps; s++) {
                    long asked = System.nanoTime();
                    Batch batch = batches.next();
                    waited += System.nanoTime() - asked;
                    GraphModel m = model(train, devel, batch);
                    training.add(m.train(batch.tensor(imageKey), batch.tensor(labelKey)));
                    progress.status(String.format(Locale.ROOT, "loss %.4f accuracy %.4f", training.loss(), training.accuracy()));
                    progress.step();
                }
            }
            long stepping = System.nanoTime() - start;
            double dataWait = stepping <= 0 ? 0 : Math.min(1, waited / (double) stepping);
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", training.loss());
            logs.put("accuracy", training.accuracy());
            if (devel != null) {
                Mean evaluation = measure(devel);
                logs.put("val_loss", evaluation.loss());
                logs.put("val_accuracy", evaluation.accuracy());
            }
            History.Epoch epoch = new History.Epoch(first + e, logs, (System.nanoTime() - start) / 1e9, dataWait);
            history.add(epoch);
            print(epoch, first + epochs);
            listeners.forEach(l -> l.onEpochEnd(epoch.epoch(), epoch.logs()));
        }
        return history;
    }

    /**
     * The mean loss and accuracy over one pass of {@code generator} (after a fit): a read-only map that shows as a
     * table ({@code metric}, {@code value}).
     */
    public NamedValues<Double> evaluate(DataGenerator generator) {
        if (model == null) {
            throw new IllegalStateException("No model yet: fit first");
        }
        Mean mean = measure(generator);
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", mean.loss());
        logs.put("accuracy", mean.accuracy());
        return new NamedValues<>("Evaluation", "metric", "value", logs);
    }

    private Mean measure(DataGenerator generator) {
        Mean mean = new Mean();
        Iterator<Batch> batches = generator.iterator();
        int n = generator.length();
        try (Progress progress = Progress.start("Evaluating (batches)", n)) {
            for (int b = 0; b < n; b++) {
                Batch batch = batches.next();
                mean.add(model.evaluate(batch.tensor(imageKey), batch.tensor(labelKey)));
                progress.status(String.format(Locale.ROOT, "loss %.4f accuracy %.4f", mean.loss(), mean.accuracy()));
                progress.step();
            }
        }
        return mean;
    }

    /** The model, built for the first batch's shapes. */
    private GraphModel model(DataGenerator train, DataGenerator devel, Batch batch) {
        if (model == null) {
            Tensor images = batch.tensor(imageKey);
            Tensor labels = batch.tensor(labelKey);
            if (images.rank() != 4 || labels.rank() != 2) {
                throw new IllegalArgumentException("Training needs NHWC images under '" + imageKey + "' and (batch, classes) labels under '"
                        + labelKey + "'; got " + images + " and " + labels);
            }
            classes = classNames(train, devel, labels.dim(1));
            model = new GraphModel(cnn, images.dim(1), images.dim(2), images.dim(3), labels.dim(1), optimizer, seed);
            if (console != null) {
                console.println("Training " + model + " with " + optimizer + ", seed " + seed + ", classes " + classes);
            }
        }
        return model;
    }

    /** The given classes, or the training generator's one-hot encoder's (which devel's must equal). */
    private List<String> classNames(DataGenerator train, DataGenerator devel, int width) {
        List<String> names = classes != null ? classes : encoderClasses(train);
        if (names == null) {
            throw new IllegalArgumentException("Cannot tell the class names of '" + labelKey + "': map a OneHotEncoder onto the training "
                    + "generator, or give them with classes(...)");
        }
        if (names.size() != width) {
            throw new IllegalArgumentException("The labels have " + width + " classes, but the class names are " + names);
        }
        List<String> develNames = devel == null ? null : encoderClasses(devel);
        if (develNames != null && !develNames.equals(names)) {
            throw new IllegalArgumentException("The devel generator encodes the classes " + develNames + ", the training generator " + names
                    + ": give both the same classes");
        }
        return names;
    }

    private List<String> encoderClasses(DataGenerator generator) {
        List<String> found = null;
        for (BatchStep step : generator.steps()) {
            if (step instanceof OneHotEncoder encoder && encoder.outputKey().equals(labelKey)) {
                found = encoder.classes();
            }
        }
        return found;
    }

    private void print(History.Epoch epoch, int of) {
        if (console == null) {
            return;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Epoch %" + String.valueOf(of).length() + "d/%d", epoch.epoch() + 1, of));
        epoch.logs().forEach((k, v) -> line.append(String.format(Locale.ROOT, "  %s %.4f", k, v)));
        console.println(line.append(String.format(Locale.ROOT, "  %.1f s  data wait %.1f %%", epoch.seconds(), 100 * epoch.dataWait())));
    }

    // ---- results

    /** The model (null before the first fit). */
    public GraphModel model() {
        return model;
    }

    /** The class names in output order (null before the first fit unless given). */
    public List<String> classes() {
        return classes;
    }

    public History history() {
        return history;
    }

    /** Exports the model as a SavedModel with its class names into {@code dir} (see {@link SavedModelExport}). */
    public Path export(Path dir) {
        if (model == null) {
            throw new IllegalStateException("No model to export yet: fit first");
        }
        return SavedModelExport.write(model, classes, dir);
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
        }
    }

    @Override
    public String toString() {
        return "Trainer[" + cnn + ", " + optimizer + ", seed " + seed + ", " + history.size() + " epochs run]";
    }

    /** Sample-weighted means of batch losses and hits. */
    private static final class Mean {
        private double loss;
        private long correct;
        private long samples;

        void add(GraphModel.BatchResult batch) {
            loss += batch.loss() * batch.size();
            correct += batch.correct();
            samples += batch.size();
        }

        double loss() {
            return samples == 0 ? Double.NaN : loss / samples;
        }

        double accuracy() {
            return samples == 0 ? Double.NaN : correct / (double) samples;
        }
    }
}
